package io.upgradehub.campaign.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This service's own database and the clock every timestamp comes from. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

  /**
   * What this service knows of each package (from package-service's events) and its verification
   * status, addressed by the package id as {@code _id}.
   */
  @Bean
  MongoCollection<Document> packageCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("packages");
  }

  /** Batches (verifications, batch upgrades), addressed by the batch id as {@code _id}. */
  @Bean
  MongoCollection<Document> batchCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("batches");
  }

  /** Device upgrade jobs, addressed by the job id as {@code _id}. */
  @Bean
  MongoCollection<Document> jobCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("jobs");
  }

  /** Transferred-in device batches, addressed by the transfer id as {@code _id}. */
  @Bean
  MongoCollection<Document> transferCollection(MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("transfers");
  }

  /** The devices of transfers, addressed by {@code transferId/deviceName} as {@code _id}. */
  @Bean
  MongoCollection<Document> transferDeviceCollection(
      MongoClient client, MongoProperties properties) {
    return client.getDatabase(properties.getMongoClientDatabase()).getCollection("transferDevices");
  }

  /**
   * A read timeout unless the connection string sets one ({@code socketTimeoutMS}): a reply that
   * never comes (a server that dropped it) must fail the call, which is retried, rather than hold
   * the scheduler or a listener thread for good. Every query here answers in well under a minute.
   */
  @Bean
  MongoClientSettingsBuilderCustomizer readTimeout() {
    return settings ->
        settings.applyToSocketSettings(
            socket -> {
              if (socket.build().getReadTimeout(TimeUnit.MILLISECONDS) == 0) {
                socket.readTimeout(60, TimeUnit.SECONDS);
              }
            });
  }

  /** Millisecond ticks: what MongoDB stores, so a record reads back exactly as it was created. */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
  }
}
