package io.upgradehub.events.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A device reported the progress of an upgrade job: a {@code progress} message. Exactly one of
 * {@code step} and {@code failureCode} is set.
 *
 * <p>Reports of one job may arrive out of order or repeated: a consumer ignores a step below the
 * highest it has seen and anything after the job ended.
 *
 * @param jobId the job, as the {@code upgrade} message named it
 * @param step 1–100 while the upgrade goes on (1–50 downloading and verifying, 51–100 installing),
 *     null when the device reports a failure
 * @param failureCode null unless the upgrade failed: {@code -1} download failed, {@code -2}
 *     checksum or signature failed, {@code -3} install failed, {@code -4} other; readers treat a
 *     code they do not know as {@code -4}
 * @param description the device's text, at most 256 characters, may be null
 * @param messageId the {@code id} of the device's message
 * @param reportedAt the message's {@code timestamp}, or {@code receivedAt} when the device's clock
 *     was out of the accepted window
 * @param receivedAt when device-adapter received the message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceProgressReported(
    String productKey,
    String deviceName,
    String jobId,
    Integer step,
    Integer failureCode,
    String description,
    String messageId,
    Instant reportedAt,
    Instant receivedAt) {

  public static final String TYPE = "device.progress-reported";
  public static final int VERSION = 1;
}
