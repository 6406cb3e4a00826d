package io.upgradehub.adapter.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.adapter.mqtt.DeviceCommandSender;
import io.upgradehub.adapter.packages.DownloadUrlUnavailableException;
import io.upgradehub.adapter.packages.DownloadUrls;
import io.upgradehub.adapter.publish.DeviceEventPublisher;
import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.CancelCommand;
import io.upgradehub.events.devices.DeviceCommandFailed;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.UpgradeCommand;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the platform's commands into device messages: an upgrade command gets a fresh presigned URL
 * and becomes an {@code upgrade} message, a cancel command a {@code cancel} message, each published
 * to the device's topic with QoS 1.
 *
 * <p>A command is done when the broker acknowledged its message, or, when no download URL can be
 * had, when Kafka acknowledged the {@link DeviceCommandFailed} event that says so. Both are
 * returned as futures, so the listener has many commands in flight at once; one that completes
 * exceptionally (broker or Kafka unreachable) is delivered again by the listener: at least once,
 * under the same message id, which the device treats as one.
 */
@Service
class CommandDelivery {

  private static final Logger log = LoggerFactory.getLogger(CommandDelivery.class);

  private final DownloadUrls urls;
  private final DeviceCommandSender sender;
  private final DeviceEventPublisher events;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;

  CommandDelivery(
      DownloadUrls urls,
      DeviceCommandSender sender,
      DeviceEventPublisher events,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters) {
    this.urls = urls;
    this.sender = sender;
    this.events = events;
    this.json = json;
    this.clock = clock;
    this.meters = meters;
  }

  /**
   * @param eventId the command's event id: the message id the device sees
   * @return completes when the message or the failure event got out, exceptionally when neither
   */
  CompletableFuture<Void> upgrade(String eventId, UpgradeCommand command) {
    DeviceKey device = new DeviceKey(command.productKey(), command.deviceName());
    UpgradeMessage message;
    try {
      message =
          UpgradeMessage.of(eventId, command, urls.urlFor(command.packageId()), clock.instant());
    } catch (DownloadUrlUnavailableException e) {
      log.warn(
          "Cannot send job {} to {}: {} ({})", command.jobId(), device, e.reason(), e.getMessage());
      return counted(
          events.publish(List.of(failed(eventId, device, command, e))),
          device,
          UpgradeCommand.TYPE,
          "failed");
    }
    return counted(
        sender.send(device, "upgrade", bytes(message)), device, UpgradeCommand.TYPE, "delivered");
  }

  /**
   * @param eventId the command's event id: the message id the device sees
   * @return completes when the broker took the message, exceptionally when it did not
   */
  CompletableFuture<Void> cancel(String eventId, CancelCommand command) {
    DeviceKey device = new DeviceKey(command.productKey(), command.deviceName());
    CancelMessage message =
        new CancelMessage(eventId, clock.millis(), command.jobId(), command.module());
    return counted(
        sender.send(device, "cancel", bytes(message)), device, CancelCommand.TYPE, "delivered");
  }

  void unreadable(String type) {
    count(type, "unreadable");
  }

  private EventEnvelope<DeviceCommandFailed> failed(
      String eventId, DeviceKey device, UpgradeCommand command, DownloadUrlUnavailableException e) {
    return new EventEnvelope<>(
        UUID.nameUUIDFromBytes(
                (DeviceCommandFailed.TYPE + ":" + eventId).getBytes(StandardCharsets.UTF_8))
            .toString(),
        DeviceCommandFailed.TYPE,
        DeviceCommandFailed.VERSION,
        DeviceTopics.REPORTS_SOURCE,
        clock.instant(),
        device.value(),
        new DeviceCommandFailed(
            command.jobId(),
            command.productKey(),
            command.deviceName(),
            command.module(),
            command.packageId(),
            e.reason(),
            e.getMessage(),
            clock.instant()));
  }

  private byte[] bytes(Object message) {
    return json.writeValueAsBytes(message);
  }

  /** Counts the outcome once it is known; a failure says which device it was for. */
  private CompletableFuture<Void> counted(
      CompletableFuture<Void> sent, DeviceKey device, String type, String outcome) {
    return sent.handle(
        (done, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            throw new CommandNotDeliveredException(
                "could not send to " + device + ": " + cause, cause);
          }
          count(type, outcome);
          return null;
        });
  }

  private void count(String type, String outcome) {
    Counter.builder("upgradehub.device.commands")
        .description("Commands from the platform, by type and outcome")
        .tag("type", type)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
