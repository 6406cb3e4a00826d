package io.upgradehub.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of a service: import it next to the {@link OutboxSource} beans the service declares
 * (one per collection whose documents carry an outbox, all with the service's name). One relay
 * publishes them all. Needs a {@link Clock}, a {@link JsonMapper}, a {@link MeterRegistry} and
 * Boot's {@link KafkaTemplate}; configured by {@link OutboxProperties} ({@code
 * upgradehub.outbox.*}). Fails to start without a source or with sources of different services.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

  @Bean
  Outbox outbox(JsonMapper json, List<OutboxSource> sources, OutboxProperties properties) {
    return new Outbox(json, sources, properties.hintCapacity(), properties.lease());
  }

  @Bean
  OutboxRelay outboxRelay(
      Outbox outbox,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      Clock clock,
      MeterRegistry meters) {
    return new OutboxRelay(outbox, kafka, properties, clock, meters);
  }
}
