package io.upgradehub.inventory.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the event listeners treat a failure. A record that cannot be read never reaches this handler:
 * the listener counts and skips it. What does is a failure to apply a readable event, which is the
 * store being unreachable; that record is retried with a growing pause and never skipped, so no
 * device report is lost (at-least-once), and the offsets of the poll are committed only after every
 * record of it was applied.
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
}
