package io.upgradehub.packages.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.upgradehub.events.packages.PackageTopics;
import io.upgradehub.outbox.OutboxConfiguration;
import io.upgradehub.outbox.OutboxSource;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** This service's own database and topic, and the clock every timestamp comes from. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Import(OutboxConfiguration.class)
class PersistenceConfiguration {

  /** The collection of upgrade packages in this service's own database. */
  @Bean
  MongoCollection<Document> packageCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("packages");
  }

  /** The products this service knows, kept from the product topic, one per product key. */
  @Bean
  MongoCollection<Document> productCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("products");
  }

  @Bean
  OutboxSource outboxSource(MongoCollection<Document> packageCollection) {
    return new OutboxSource(PackageTopics.SOURCE, packageCollection, PackageTopics.PACKAGE_EVENTS);
  }

  /** Created on start when missing; partitions let consumers scale, keys keep order per package. */
  @Bean
  NewTopic packageEventsTopic() {
    return TopicBuilder.name(PackageTopics.PACKAGE_EVENTS)
        .partitions(PackageTopics.PARTITIONS)
        .build();
  }

  /** Millisecond ticks: what MongoDB stores, so a package reads back exactly as it was created. */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  }
}
