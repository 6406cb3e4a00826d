package io.upgradehub.inventory.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import org.bson.Document;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This service's own database and the clock every timestamp comes from. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

  /** Products, each addressed by its product key as {@code _id}. */
  @Bean
  MongoCollection<Document> productCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("products");
  }

  /** Devices, each addressed by {@code {productKey}/{deviceName}} as {@code _id}. */
  @Bean
  MongoCollection<Document> deviceCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("devices");
  }

  /** Upgrade log entries, each addressed by the id of the event that caused it as {@code _id}. */
  @Bean
  MongoCollection<Document> upgradeLogCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("upgradeLog");
  }

  /**
   * Version distribution counters, each addressed by {@code {productKey}/{module}/{bucket}} as
   * {@code _id}.
   */
  @Bean
  MongoCollection<Document> versionCountCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("versionCounts");
  }

  /** Millisecond ticks: what MongoDB stores, so a record reads back exactly as it was created. */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  }
}
