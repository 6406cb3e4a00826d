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
 * The topic this service publishes, how its command listener retries, and the clock it reads
 * reception times from.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  /** Created on start when missing; 12 partitions as the protocol says, keyed by device. */
  @Bean
  NewTopic deviceReportsTopic() {
    return TopicBuilder.name(DeviceTopics.DEVICE_REPORTS).partitions(12).build();
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
