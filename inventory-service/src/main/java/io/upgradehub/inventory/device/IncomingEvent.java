package io.upgradehub.inventory.device;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record of a topic this service consumes, read as far as its {@code EventEnvelope}: the type
 * decides how its {@code data} is read. The listeners of every topic read their records so, and
 * skip what cannot be read rather than block the partition on it.
 *
 * @param where the record's topic, partition and offset, to log a record without a readable id
 */
record IncomingEvent(String id, String type, JsonNode data, String where) {

  /** Told why a record is skipped: a reason (the metric's tag), the event (or where), and why. */
  @FunctionalInterface
  interface Skip {
    void skip(String reason, String eventId, String why);
  }

  /**
   * Reads the record's envelope; a record without a value, not JSON, or not an envelope with an id,
   * a type and an object as data is handed to {@code skip} as {@code unreadable}.
   */
  static Optional<IncomingEvent> read(
      ConsumerRecord<String, String> record, JsonMapper json, Skip skip) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    if (record.value() == null) {
      skip.skip("unreadable", where, "no value");
      return Optional.empty();
    }
    JsonNode envelope;
    try {
      envelope = json.readTree(record.value());
    } catch (JacksonException e) {
      skip.skip("unreadable", where, "not JSON: " + e.getOriginalMessage());
      return Optional.empty();
    }
    String id = text(envelope, "id");
    String type = text(envelope, "type");
    JsonNode data = envelope.get("data");
    if (id == null || type == null || data == null || !data.isObject()) {
      skip.skip("unreadable", where, "not an event envelope");
      return Optional.empty();
    }
    return Optional.of(new IncomingEvent(id, type, data, where));
  }

  /**
   * Runs {@code apply}, which reads this event's data and applies it; data that cannot be read or
   * breaks a rule ({@link InvalidData}) is handed to {@code skip} as {@code unreadable}. Nothing
   * else is caught: a failure to apply goes to the listener container's error handler.
   */
  void applyOrSkip(Skip skip, Runnable apply) {
    try {
      apply.run();
    } catch (JacksonException e) {
      skip.skip("unreadable", id, "data of " + type + ": " + e.getOriginalMessage());
    } catch (InvalidData e) {
      skip.skip("unreadable", id, "data of " + type + ": " + e.getMessage());
    }
  }

  /**
   * Checks one field of an event's data.
   *
   * @throws InvalidData when it is not {@code valid}
   */
  static void check(boolean valid, String field) {
    if (!valid) {
      throw new InvalidData("missing or invalid '" + field + "'");
    }
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isString() && !value.asString().isBlank()
        ? value.asString()
        : null;
  }

  /** A field of an event's data is missing or breaks its rule. */
  static final class InvalidData extends RuntimeException {
    InvalidData(String message) {
      // no stack trace: an expected outcome, logged by its message
      super(message, null, false, false);
    }
  }
}
