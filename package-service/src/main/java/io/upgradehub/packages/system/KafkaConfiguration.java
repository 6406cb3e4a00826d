package io.upgradehub.packages.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the product listener treats a failure. An unreadable record never reaches this handler: the
 * listener logs and skips it. What does is a failure to store a readable product, which is the
 * store being unreachable; that record is retried with a growing pause and never skipped, so no
 * product is lost, and the offsets are committed only after the records were applied.
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
