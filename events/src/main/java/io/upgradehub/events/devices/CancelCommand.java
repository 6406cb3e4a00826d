package io.upgradehub.events.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * Tell a device to abandon an upgrade job. device-adapter publishes the {@code cancel} message to
 * the device. Cancelling is best effort: a device already installing finishes and reports its new
 * version.
 *
 * @param jobId the job to abandon
 * @param module the job's module
 * @param at when the command was issued
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelCommand(
    String jobId, String productKey, String deviceName, String module, Instant at) {

  public static final String TYPE = "device.cancel-command";
  public static final int VERSION = 1;
}
