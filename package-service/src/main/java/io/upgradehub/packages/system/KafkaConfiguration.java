package io.upgradehub.packages.system;

import io.upgradehub.events.batches.BatchTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the listeners (the product list, the packages' verification status) treat a failure, and the
 * topic this service reads that it declares.
 *
 * <p>An unreadable record never reaches the error handler: the listener logs and skips it. What
 * does is a failure to store a readable one, which is the store being unreachable; that record is
 * retried with a growing pause and never skipped, so no product or status is lost, and the offsets
 * are committed only after the records were applied.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  @Bean
  CommonErrorHandler kafkaErrorHandler() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(30_000);
    // no maximum elapsed time: retry until the store is back
    return new DefaultErrorHandler(backOff);
  }

  /**
   * The topic this service reads the verification status from, declared here as campaign-service,
   * its producer, declares it (same partitions): whichever starts first creates it whole.
   */
  @Bean
  NewTopic batchEventsTopic() {
    return TopicBuilder.name(BatchTopics.BATCH_EVENTS).partitions(BatchTopics.PARTITIONS).build();
  }
}
