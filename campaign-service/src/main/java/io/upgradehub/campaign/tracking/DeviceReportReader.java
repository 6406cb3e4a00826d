package io.upgradehub.campaign.tracking;

import io.upgradehub.events.devices.DeviceCommandFailed;
import io.upgradehub.events.devices.DeviceProgressReported;
import io.upgradehub.events.devices.DeviceUpgradeRequested;
import io.upgradehub.events.devices.DeviceVersionReported;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the device reports that concern jobs; every other type (connects, disconnects) and every
 * record that cannot be read is null: it must never block the device's later reports.
 */
@Component
class DeviceReportReader {

  private final JsonMapper json;

  DeviceReportReader(JsonMapper json) {
    this.json = json;
  }

  @Nullable DeviceReport read(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      JsonNode envelope = json.readTree(value);
      JsonNode data = envelope.get("data");
      if (data == null || !data.isObject()) {
        return null;
      }
      return switch (envelope.path("type").asString("")) {
        case DeviceProgressReported.TYPE ->
            progress(json.treeToValue(data, DeviceProgressReported.class));
        case DeviceVersionReported.TYPE -> {
          DeviceVersionReported v = json.treeToValue(data, DeviceVersionReported.class);
          yield valid(v.productKey(), v.deviceName(), v.module(), v.reportedAt())
                  && v.version() != null
              ? new DeviceReport(
                  DeviceReport.Kind.VERSION,
                  v.productKey(),
                  v.deviceName(),
                  null,
                  v.module(),
                  v.version(),
                  null,
                  null,
                  null,
                  v.reportedAt())
              : null;
        }
        case DeviceUpgradeRequested.TYPE -> {
          DeviceUpgradeRequested r = json.treeToValue(data, DeviceUpgradeRequested.class);
          // an HTTP pull was answered by the adapter already, through the open-job endpoint
          yield DeviceUpgradeRequested.CHANNEL_MQTT.equals(r.channel())
                  && valid(r.productKey(), r.deviceName(), r.module(), r.reportedAt())
              ? new DeviceReport(
                  DeviceReport.Kind.REQUEST,
                  r.productKey(),
                  r.deviceName(),
                  null,
                  r.module(),
                  r.currentVersion(),
                  null,
                  null,
                  null,
                  r.reportedAt())
              : null;
        }
        case DeviceCommandFailed.TYPE -> {
          DeviceCommandFailed f = json.treeToValue(data, DeviceCommandFailed.class);
          yield f.jobId() == null || f.productKey() == null || f.deviceName() == null
              ? null
              : new DeviceReport(
                  DeviceReport.Kind.COMMAND_FAILED,
                  f.productKey(),
                  f.deviceName(),
                  f.jobId(),
                  f.module(),
                  null,
                  null,
                  null,
                  "the command could not be sent: " + f.reason() + " " + f.detail(),
                  f.at() == null ? Instant.EPOCH : f.at());
        }
        default -> null;
      };
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable DeviceReport progress(DeviceProgressReported p) {
    if (p.jobId() == null
        || p.productKey() == null
        || p.deviceName() == null
        || p.reportedAt() == null
        || (p.step() == null) == (p.failureCode() == null)) {
      return null;
    }
    return new DeviceReport(
        p.step() != null ? DeviceReport.Kind.PROGRESS : DeviceReport.Kind.FAILURE,
        p.productKey(),
        p.deviceName(),
        p.jobId(),
        null,
        null,
        p.step(),
        p.failureCode(),
        p.description(),
        p.reportedAt());
  }

  private static boolean valid(String productKey, String deviceName, String module, Instant at) {
    return productKey != null && deviceName != null && module != null && at != null;
  }
}
