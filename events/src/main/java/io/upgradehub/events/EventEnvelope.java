package io.upgradehub.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * The one envelope every UpgradeHub event travels in on Kafka.
 *
 * <p>{@code type} is a logical name ({@code package.created}), never a Java class name; {@code
 * version} is the schema version of {@code data} for that type. Changes to a type are additive; a
 * breaking change is a new type. Consumers deduplicate by {@code id}. The Kafka message key is
 * {@code subject}, the id of the aggregate the event is about, so that the events of one aggregate
 * stay in order on one partition.
 *
 * @param id unique event id, never null
 * @param type logical event type, never null
 * @param version schema version of {@code data}, at least 1
 * @param source the producing service, never null
 * @param time when the state change happened, never null
 * @param subject id of the aggregate the event is about, never null
 * @param data the event's facts, never null
 * @param <T> the record type of {@code data}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope<T>(
    String id, String type, int version, String source, Instant time, String subject, T data) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(data, "data");
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1");
    }
  }
}
