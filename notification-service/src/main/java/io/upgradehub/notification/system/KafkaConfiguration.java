package io.upgradehub.notification.system;

import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.events.packages.PackageTopics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The topics this service reads, and how its listeners treat a failure. A record that cannot be
 * read is skipped by the listener itself; what reaches the error handler is a failure to store what
 * a readable poll made (the store is away): the poll is retried with a growing pause and never
 * skipped, so no message is lost, and its offsets are committed only after it was stored.
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

  /** Declared here as by their producers (same partitions): whoever starts first creates them. */
  @Bean
  NewTopic batchEventsTopic() {
    return TopicBuilder.name(BatchTopics.BATCH_EVENTS).partitions(BatchTopics.PARTITIONS).build();
  }

  @Bean
  NewTopic jobEventsTopic() {
    return TopicBuilder.name(JobTopics.JOB_EVENTS).partitions(JobTopics.PARTITIONS).build();
  }

  @Bean
  NewTopic packageEventsTopic() {
    return TopicBuilder.name(PackageTopics.PACKAGE_EVENTS)
        .partitions(PackageTopics.PARTITIONS)
        .build();
  }
}
