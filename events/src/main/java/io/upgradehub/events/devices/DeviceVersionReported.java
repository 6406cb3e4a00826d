package io.upgradehub.events.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A device reported the version a module runs: an {@code inform} message, or the current version
 * named in a pull {@code request} (MQTT or HTTP).
 *
 * <p>Consumers keep the report with the latest {@code reportedAt}: a repeated or older report
 * changes nothing. A job succeeds when its device reports the job's target version for the job's
 * module, whatever progress reports were lost.
 *
 * @param module the module, {@code default} when the device named none
 * @param version the version the module runs, compared by equality only
 * @param messageId the {@code id} of the device's message; for an HTTP pull, one the adapter made
 * @param reportedAt the message's {@code timestamp}, or {@code receivedAt} when the device's clock
 *     was out of the accepted window
 * @param receivedAt when device-adapter received the message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceVersionReported(
    String productKey,
    String deviceName,
    String module,
    String version,
    String messageId,
    Instant reportedAt,
    Instant receivedAt) {

  public static final String TYPE = "device.version-reported";
  public static final int VERSION = 1;
}
