package io.upgradehub.adapter.ingest;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceKey;
import java.util.List;

/** What one device message became: events to publish, or a rejection. */
public sealed interface Ingested {

  /**
   * A valid message.
   *
   * @param device the sending device, from the topic
   * @param kind the message
   * @param events the events to publish, in order, all keyed by {@code device}; never empty
   * @param timestampSubstituted whether the device's timestamp was out of the accepted window and
   *     replaced by the time of reception (§3.3 of the protocol)
   */
  record Accepted(
      DeviceKey device,
      MessageKind kind,
      List<EventEnvelope<?>> events,
      boolean timestampSubstituted)
      implements Ingested {

    public Accepted {
      events = List.copyOf(events);
    }
  }

  /**
   * A malformed message, to be counted, logged and dropped.
   *
   * @param message the {@code message} tag: the topic suffix, or {@code unknown}
   * @param identity who sent it as far as the topic tells: {@code productKey/deviceName}, or the
   *     (abbreviated) topic when that is not a valid identity
   * @param reason why it was refused
   * @param detail for the log: which field and rule, never the payload
   */
  record Rejected(String message, String identity, RejectReason reason, String detail)
      implements Ingested {}
}
