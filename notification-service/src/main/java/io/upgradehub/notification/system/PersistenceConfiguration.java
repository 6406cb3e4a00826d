package io.upgradehub.notification.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This service's own database, its indexes, and the clock every timestamp comes from. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

  /** Webhook notifications, each addressed by its id as {@code _id}. */
  @Bean
  MongoCollection<Document> notificationCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("notifications");
  }

  /**
   * Package associations, each addressed by {@code {notificationId}/{packageId}} as {@code _id}.
   */
  @Bean
  MongoCollection<Document> associationCollection(MongoClient client, MongoProperties properties) {
    MongoCollection<Document> associations =
        client.getDatabase(properties.getMongoClientDatabase()).getCollection("associations");
    associations.createIndex(Indexes.ascending("packageId"));
    return associations;
  }

  /** The packages learnt from package-service's events, each addressed by its id as {@code _id}. */
  @Bean
  MongoCollection<Document> packageCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("packages");
  }

  /**
   * Delivery records, each addressed by its message id as {@code _id}. The due index serves the
   * sweep's look at the whole store, the notification's due index its claims, the notification
   * index the record lists; records are kept 30 days after their creation.
   */
  @Bean
  MongoCollection<Document> recordCollection(MongoClient client, MongoProperties properties) {
    MongoCollection<Document> records =
        client.getDatabase(properties.getMongoClientDatabase()).getCollection("records");
    records.createIndex(Indexes.ascending("status", "nextAttemptAt"));
    records.createIndex(Indexes.ascending("notificationId", "status", "nextAttemptAt"));
    records.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("notificationId"), Indexes.descending("createdAt")));
    records.createIndex(
        Indexes.ascending("createdAt"), new IndexOptions().expireAfter(30L, TimeUnit.DAYS));
    return records;
  }

  /** Millisecond ticks: what MongoDB stores, so a record reads back exactly as it was created. */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  }
}
