package io.upgradehub.notification.system;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the records of every topic this service consumes as far as their envelope, and their data
 * as a type's record. What cannot be read is counted in {@value #SKIPPED} by reason, logged and
 * skipped, so that it never blocks a partition.
 */
@Component
public class IncomingEvents {

  public static final String SKIPPED = "upgradehub.notifications.events.skipped";
  private static final Logger log = LoggerFactory.getLogger(IncomingEvents.class);

  private final JsonMapper json;
  private final MeterRegistry meters;

  IncomingEvents(JsonMapper json, MeterRegistry meters) {
    this.json = json;
    this.meters = meters;
  }

  /** The record's envelope: its type and data; empty when it has no value or is no envelope. */
  public Optional<Incoming> read(ConsumerRecord<String, String> record) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    if (record.value() == null) {
      return skip("unreadable", where + ": no value");
    }
    try {
      JsonNode envelope = json.readTree(record.value());
      JsonNode data = envelope.get("data");
      if (data == null || !data.isObject()) {
        return skip("unreadable", where + ": not an event envelope");
      }
      return Optional.of(new Incoming(envelope.path("type").asString(""), data, where));
    } catch (JacksonException e) {
      return skip("unreadable", where + ": " + e.getOriginalMessage());
    }
  }

  /** The event's data as {@code type}; empty when it cannot be read as one. */
  public <T> Optional<T> data(Incoming event, Class<T> type) {
    try {
      return Optional.of(json.treeToValue(event.data(), type));
    } catch (JacksonException e) {
      return skip("unreadable", event.where() + ": " + e.getOriginalMessage());
    }
  }

  /** Counts and logs an event skipped for {@code reason}; always empty. */
  public <T> Optional<T> skip(String reason, String why) {
    meters.counter(SKIPPED, "reason", reason).increment();
    log.warn("Skipped an event ({}): {}", reason, why);
    return Optional.empty();
  }

  /**
   * A record read as far as its envelope.
   *
   * @param type the event's type, empty when it has none
   * @param where its topic, partition and offset, for the log
   */
  public record Incoming(String type, JsonNode data, String where) {}
}
