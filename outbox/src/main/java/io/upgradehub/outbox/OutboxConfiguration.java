package io.upgradehub.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of a service: import it next to the one {@link OutboxSource} bean the service
 * declares. Needs a {@link Clock}, a {@link JsonMapper}, a {@link MeterRegistry} and Boot's {@link
 * KafkaTemplate}; configured by {@link OutboxProperties} ({@code upgradehub.outbox.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

  @Bean
  Outbox outbox(JsonMapper json, OutboxSource source) {
    return new Outbox(json, source);
  }

  @Bean
  OutboxRelay outboxRelay(
      OutboxSource source,
      Outbox outbox,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      Clock clock,
      MeterRegistry meters) {
    return new OutboxRelay(source, outbox, kafka, properties, clock, meters);
  }
}
