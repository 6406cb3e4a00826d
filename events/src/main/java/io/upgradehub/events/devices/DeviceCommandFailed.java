package io.upgradehub.events.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * device-adapter could not turn an upgrade command into an {@code upgrade} message, so the device
 * was not told. Published to {@link DeviceTopics#DEVICE_REPORTS} by device-adapter, keyed by the
 * device; campaign-service fails (or retries) the job instead of waiting for its time-out.
 *
 * <p>A command delivered again after such a failure fails again under the same event id (a name
 * based UUID of the command's event id), so a consumer counts it once.
 *
 * @param jobId the job of the command
 * @param packageId the package the command named
 * @param reason {@link #PACKAGE_NOT_FOUND} or {@link #PACKAGE_SERVICE_UNAVAILABLE}; readers treat
 *     an unknown reason like the latter
 * @param detail for operators: what went wrong, never a stack trace
 * @param at when the adapter gave up
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceCommandFailed(
    String jobId,
    String productKey,
    String deviceName,
    String module,
    String packageId,
    String reason,
    String detail,
    Instant at) {

  public static final String TYPE = "device.command-failed";
  public static final int VERSION = 1;

  /** package-service does not have the package (deleted since the command was decided). */
  public static final String PACKAGE_NOT_FOUND = "PACKAGE_NOT_FOUND";

  /** No download URL could be had: package-service unreachable, failing, or its circuit open. */
  public static final String PACKAGE_SERVICE_UNAVAILABLE = "PACKAGE_SERVICE_UNAVAILABLE";
}
