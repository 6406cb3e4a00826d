package io.upgradehub.adapter.system;

import io.upgradehub.events.devices.DeviceTopics;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The topics this service publishes and reads, how its command listener retries, and the clock it
 * reads reception times from.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  /** Created on start when missing, keyed by device; inventory-service declares it alike. */
  @Bean
  NewTopic deviceReportsTopic() {
    return TopicBuilder.name(DeviceTopics.DEVICE_REPORTS)
        .partitions(DeviceTopics.PARTITIONS)
        .build();
  }

  /**
   * The commands this service reads, declared here as well as by their producer: a consumer that
   * starts first must not leave the topic to the broker's default partition count.
   */
  @Bean
  NewTopic deviceCommandsTopic() {
    return TopicBuilder.name(DeviceTopics.DEVICE_COMMANDS)
        .partitions(DeviceTopics.PARTITIONS)
        .build();
  }

  /**
   * A command that could not be delivered (broker or Kafka away) is tried again with backoff, for
   * as long as it takes: skipping it would lose a device's command, and the partition's later
   * commands must not overtake it.
   */
  @Bean
  CommonErrorHandler commandErrorHandler() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
    backOff.setMaxInterval(30_000);
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    return new DefaultErrorHandler(backOff);
  }

  /** Millisecond ticks: the precision of device timestamps. */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1));
  }
}
