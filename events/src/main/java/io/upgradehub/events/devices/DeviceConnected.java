package io.upgradehub.events.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A device said it is online: its {@code status} message with {@code "online": true}, sent right
 * after it connected.
 *
 * @param messageId the {@code id} of the device's message
 * @param reportedAt the message's {@code timestamp}: the time of this connection; a disconnect of
 *     the same connection carries the same time, an older disconnect an earlier one
 * @param receivedAt when device-adapter received the message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceConnected(
    String productKey,
    String deviceName,
    String messageId,
    Instant reportedAt,
    Instant receivedAt) {

  public static final String TYPE = "device.connected";
  public static final int VERSION = 1;
}
