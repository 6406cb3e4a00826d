package io.upgradehub.outbox;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * What the relay publishes from: the collection whose documents carry an outbox, the Kafka topic,
 * and the name of the producing service.
 */
public record OutboxSource(String name, MongoCollection<Document> collection, String topic) {}
