package io.upgradehub.adapter.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceTopics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes device events to {@link DeviceTopics#DEVICE_REPORTS}, keyed by the envelope's subject
 * (the device), with the same {@code event-id}, {@code event-type} and {@code event-version}
 * headers as every other producer of the platform.
 *
 * <p>The producer is idempotent with {@code acks=all} (application.yml), so an acknowledged send is
 * on every in-sync replica, and the events of one call, sent in order with one key, stay in order.
 */
@Component
public class DeviceEventPublisher {

  private final KafkaTemplate<String, String> kafka;
  private final JsonMapper json;
  private final MeterRegistry meters;

  DeviceEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, MeterRegistry meters) {
    this.kafka = kafka;
    this.json = json;
    this.meters = meters;
  }

  /**
   * Sends {@code events} in order.
   *
   * @return completes when Kafka acknowledged every one of them, or exceptionally when any send
   *     failed (some may then be published: a retry repeats them with the same event ids); never
   *     throws itself
   */
  public CompletableFuture<Void> publish(List<EventEnvelope<?>> events) {
    try {
      CompletableFuture<?>[] acks = new CompletableFuture<?>[events.size()];
      for (int i = 0; i < events.size(); i++) {
        EventEnvelope<?> event = events.get(i);
        ProducerRecord<String, String> record =
            new ProducerRecord<>(
                DeviceTopics.DEVICE_REPORTS, event.subject(), json.writeValueAsString(event));
        record.headers().add("event-id", bytes(event.id()));
        record.headers().add("event-type", bytes(event.type()));
        record.headers().add("event-version", bytes(String.valueOf(event.version())));
        acks[i] = kafka.send(record).thenRun(() -> published(event.type()));
      }
      return CompletableFuture.allOf(acks);
    } catch (RuntimeException e) {
      // send() throws when the producer cannot even queue (metadata timeout, closed producer)
      return CompletableFuture.failedFuture(e);
    }
  }

  private void published(String type) {
    Counter.builder("upgradehub.device.events.published")
        .description("Device events acknowledged by Kafka")
        .tag("type", type)
        .register(meters)
        .increment();
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
