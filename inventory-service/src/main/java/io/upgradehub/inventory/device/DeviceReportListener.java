package io.upgradehub.inventory.device;

import static io.upgradehub.inventory.device.IncomingEvent.check;

import io.upgradehub.events.devices.DeviceConnected;
import io.upgradehub.events.devices.DeviceDisconnected;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceProgressReported;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.DeviceUpgradeRequested;
import io.upgradehub.events.devices.DeviceVersionReported;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the device reports topic: each record is an {@code EventEnvelope} in JSON. A record that
 * cannot be read (not JSON, not an envelope, data missing or invalid) or of a type this version
 * does not know is counted in {@value DeviceReports#IGNORED} and skipped, so it never blocks the
 * partition; a failure to apply a readable event propagates to the container's error handler, which
 * delivers the poll again. Offsets are committed after each poll's records were processed.
 */
@Component
class DeviceReportListener {

  /** Types on the topic this service has no use for yet (campaign-service reads them). */
  private static final Set<String> NOT_USED =
      Set.of(DeviceProgressReported.TYPE, DeviceUpgradeRequested.TYPE);

  private static final Pattern MODULE = NewDeviceRequest.MODULE;

  private final DeviceReports reports;
  private final JsonMapper json;

  DeviceReportListener(DeviceReports reports, JsonMapper json) {
    this.reports = reports;
    this.json = json;
  }

  /**
   * A poll's records in order, then what they left to write together ({@link ReportPoll}). A
   * failure propagates and the error handler delivers the whole poll again, which is safe: every
   * step is idempotent.
   */
  @KafkaListener(topics = DeviceTopics.DEVICE_REPORTS, batch = "true")
  void onReports(List<ConsumerRecord<String, String>> records) {
    List<IncomingEvent> events = new ArrayList<>(records.size());
    Set<DeviceId> reported = new HashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      IncomingEvent.read(record, json, reports::ignore)
          .ifPresent(
              incoming -> {
                events.add(incoming);
                versionReportedBy(incoming).ifPresent(reported::add);
              });
    }
    ReportPoll poll = new ReportPoll();
    reports.start(poll, reported);
    events.forEach(incoming -> onEvent(incoming, poll));
    reports.finish(poll);
  }

  /** The device a version report names, when it names a valid one; read before it is applied. */
  private static Optional<DeviceId> versionReportedBy(IncomingEvent incoming) {
    if (!DeviceVersionReported.TYPE.equals(incoming.type())) {
      return Optional.empty();
    }
    String productKey = incoming.data().path("productKey").asString(null);
    String deviceName = incoming.data().path("deviceName").asString(null);
    return DeviceKey.isValidProductKey(productKey) && DeviceKey.isValidDeviceName(deviceName)
        ? Optional.of(new DeviceId(productKey, deviceName))
        : Optional.empty();
  }

  private void onEvent(IncomingEvent incoming, ReportPoll poll) {
    String id = incoming.id();
    String type = incoming.type();
    JsonNode data = incoming.data();
    incoming.applyOrSkip(
        reports::ignore,
        () -> {
          switch (type) {
            case DeviceVersionReported.TYPE -> {
              DeviceVersionReported event = json.treeToValue(data, DeviceVersionReported.class);
              checkDevice(
                  event.productKey(), event.deviceName(), event.reportedAt(), event.receivedAt());
              check(event.module() != null && MODULE.matcher(event.module()).matches(), "module");
              check(NewDeviceRequest.isVersion(event.version()), "version");
              reports.versionReported(id, event, poll);
            }
            case DeviceConnected.TYPE -> {
              DeviceConnected event = json.treeToValue(data, DeviceConnected.class);
              checkDevice(
                  event.productKey(), event.deviceName(), event.reportedAt(), event.receivedAt());
              reports.connected(id, event, poll);
            }
            case DeviceDisconnected.TYPE -> {
              DeviceDisconnected event = json.treeToValue(data, DeviceDisconnected.class);
              checkDevice(
                  event.productKey(), event.deviceName(), event.reportedAt(), event.receivedAt());
              reports.disconnected(id, event, poll);
            }
            default -> {
              if (NOT_USED.contains(type)) {
                reports.notUsed(type);
              } else {
                reports.ignore("unknown-type", id, "type '" + type + "' at " + incoming.where());
              }
            }
          }
        });
  }

  private static void checkDevice(
      @Nullable String productKey,
      @Nullable String deviceName,
      @Nullable Instant reportedAt,
      @Nullable Instant receivedAt) {
    check(DeviceKey.isValidProductKey(productKey), "productKey");
    check(DeviceKey.isValidDeviceName(deviceName), "deviceName");
    check(reportedAt != null, "reportedAt");
    check(receivedAt != null, "receivedAt");
  }
}
