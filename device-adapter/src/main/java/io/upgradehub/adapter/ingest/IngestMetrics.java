package io.upgradehub.adapter.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The device-message counters: received per message, rejected per message and reason ({@code
 * upgradehub_device_messages_rejected_total{message,reason}}, the metric of the device protocol),
 * and device timestamps replaced by the time of reception.
 */
@Component
public class IngestMetrics {

  private static final String UNKNOWN_MESSAGE = "unknown";

  private final MeterRegistry meters;

  IngestMetrics(MeterRegistry meters) {
    this.meters = meters;
    // register every series up front, so that dashboards and alerts see zeros, not gaps
    for (MessageKind kind : MessageKind.values()) {
      receivedCounter(kind.suffix());
      substitutedCounter(kind);
      for (RejectReason reason : RejectReason.values()) {
        rejectedCounter(kind.suffix(), reason);
      }
    }
    rejectedCounter(UNKNOWN_MESSAGE, RejectReason.INVALID_TOPIC);
  }

  /**
   * Counts one message received.
   *
   * @param message the topic suffix ({@link MessageKind#suffix()}), or {@code unknown}
   */
  public void received(String message) {
    receivedCounter(message).increment();
  }

  /** Counts one rejected message. */
  public void rejected(Ingested.Rejected rejected) {
    rejectedCounter(rejected.message(), rejected.reason()).increment();
  }

  /** Counts one device timestamp replaced by the time of reception. */
  public void substituted(MessageKind kind) {
    substitutedCounter(kind).increment();
  }

  private Counter receivedCounter(String message) {
    return Counter.builder("upgradehub.device.messages.received")
        .description("Device messages received over MQTT, valid or not")
        .tag("message", message)
        .register(meters);
  }

  private Counter rejectedCounter(String message, RejectReason reason) {
    return Counter.builder("upgradehub.device.messages.rejected")
        .description("Malformed device messages, counted and dropped")
        .tag("message", message)
        .tag("reason", reason.name())
        .register(meters);
  }

  private Counter substitutedCounter(MessageKind kind) {
    return Counter.builder("upgradehub.device.timestamps.substituted")
        .description("Device timestamps out of the accepted window, replaced by the receive time")
        .tag("message", kind.suffix())
        .register(meters);
  }
}
