package io.upgradehub.adapter.system;

import io.upgradehub.events.devices.DeviceTopics;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic this service publishes, and the clock it reads reception times from. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  /** Created on start when missing; 12 partitions as the protocol says, keyed by device. */
  @Bean
  NewTopic deviceReportsTopic() {
    return TopicBuilder.name(DeviceTopics.DEVICE_REPORTS).partitions(12).build();
  }

  /** Millisecond ticks: the precision of device timestamps. */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), java.time.Duration.ofMillis(1));
  }
}
