package io.upgradehub.events.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A device asked whether an upgrade is due for a module: a {@code request} message over MQTT, or
 * the HTTP pull. device-adapter publishes a {@link DeviceVersionReported} for the same message just
 * before this event.
 *
 * <p>Over {@code MQTT} the answer, if any, is an {@link UpgradeCommand} for the open job of this
 * device and module (again, with a fresh download URL); over {@code HTTP} the adapter has already
 * answered the device synchronously, so no command must follow.
 *
 * @param module the module, {@code default} when the device named none
 * @param currentVersion the version the module runs
 * @param channel {@code MQTT} or {@code HTTP}
 * @param messageId the {@code id} of the device's message; for an HTTP pull, one the adapter made
 * @param reportedAt the message's {@code timestamp}, or {@code receivedAt} when the device's clock
 *     was out of the accepted window (always {@code receivedAt} over HTTP)
 * @param receivedAt when device-adapter received the message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceUpgradeRequested(
    String productKey,
    String deviceName,
    String module,
    String currentVersion,
    String channel,
    String messageId,
    Instant reportedAt,
    Instant receivedAt) {

  public static final String TYPE = "device.upgrade-requested";
  public static final int VERSION = 1;

  /** The request came as an MQTT {@code request} message. */
  public static final String CHANNEL_MQTT = "MQTT";

  /** The request came as the HTTP pull. */
  public static final String CHANNEL_HTTP = "HTTP";
}
