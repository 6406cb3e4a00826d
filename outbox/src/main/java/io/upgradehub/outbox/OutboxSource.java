package io.upgradehub.outbox;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * What the relay publishes from: the collection whose documents carry an outbox, the Kafka topic
 * its entries go to unless an entry names its own ({@link PendingEvent#topic()}), and the name of
 * the producing service. A service may declare several, one per collection, all with the same
 * {@code name}; none of the components may be null.
 */
public record OutboxSource(String name, MongoCollection<Document> collection, String topic) {}
