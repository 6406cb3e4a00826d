package io.upgradehub.outbox;

import org.jspecify.annotations.Nullable;

/**
 * An event an aggregate raised and that must be published with its state change.
 *
 * @param type the logical event type, e.g. {@code package.created}
 * @param version the schema version of {@code data}
 * @param data the event record from the {@code events} module
 * @param topic the Kafka topic to send it to; {@code null} for the topic of the {@link
 *     OutboxSource} whose document holds it
 * @param key the message key; {@code null} for the id of the document that holds it
 */
public record PendingEvent(
    String type, int version, Object data, @Nullable String topic, @Nullable String key) {

  /** An event for the source's topic, keyed by the id of the document that holds it. */
  public PendingEvent(String type, int version, Object data) {
    this(type, version, data, null, null);
  }

  /**
   * An event for {@code topic} keyed by {@code key}, for a document whose events go to several
   * topics or belong to another aggregate's order (a device job's events and commands are keyed by
   * the device, not by the job).
   */
  public static PendingEvent to(String topic, String key, String type, int version, Object data) {
    return new PendingEvent(type, version, data, topic, key);
  }
}
