package io.upgradehub.inventory.system;

import com.mongodb.client.MongoCollection;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.events.products.ProductTopics;
import io.upgradehub.outbox.OutboxConfiguration;
import io.upgradehub.outbox.OutboxSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What this service publishes and how its listeners treat a failure.
 *
 * <p><b>Publishing:</b> products carry their {@code product.registered} event in their own
 * document; the outbox relay sends it to {@link ProductTopics#PRODUCT_EVENTS} (acks=all, idempotent
 * producer, see {@code application.yml}) and then removes it.
 *
 * <p><b>Listening:</b> a record that cannot be read never reaches the error handler: the listener
 * counts and skips it. What does is a failure to apply a readable event, which is the store being
 * unreachable; that record is retried with a growing pause and never skipped, so no device report
 * or job event is lost (at-least-once), and the offsets of the poll are committed only after every
 * record of it was applied.
 */
@Configuration(proxyBeanMethods = false)
@Import(OutboxConfiguration.class)
class KafkaConfiguration {

  @Bean
  CommonErrorHandler kafkaErrorHandler() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(30_000);
    // no maximum elapsed time: retry until the store is back
    return new DefaultErrorHandler(backOff);
  }

  /** The outbox lives in the product documents and goes to the product topic. */
  @Bean
  OutboxSource outboxSource(MongoCollection<Document> productCollection) {
    return new OutboxSource(ProductTopics.SOURCE, productCollection, ProductTopics.PRODUCT_EVENTS);
  }

  /**
   * Created on start when missing. Compacted, never deleted by age: the latest event of every
   * product stays, so a reader that starts from the beginning learns every product.
   */
  @Bean
  NewTopic productEventsTopic() {
    return TopicBuilder.name(ProductTopics.PRODUCT_EVENTS)
        .partitions(ProductTopics.PARTITIONS)
        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
        .build();
  }

  /**
   * The topic this service reads device reports from, declared here as well as by device-adapter
   * (same partitions): whichever service starts first creates it whole.
   */
  @Bean
  NewTopic deviceReportsTopic() {
    return TopicBuilder.name(DeviceTopics.DEVICE_REPORTS)
        .partitions(DeviceTopics.PARTITIONS)
        .build();
  }

  /**
   * The topic this service reads job events from, declared here as campaign-service, their
   * producer, will declare it (same partitions): whichever starts first creates it whole.
   */
  @Bean
  NewTopic jobEventsTopic() {
    return TopicBuilder.name(JobTopics.JOB_EVENTS).partitions(JobTopics.PARTITIONS).build();
  }
}
