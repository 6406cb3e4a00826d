package io.upgradehub.events.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A device went offline: its {@code status} message with {@code "online": false}, either sent by
 * the device before a clean disconnect or published by the broker as the connection's will.
 *
 * <p>A will can arrive after the device has already reconnected; a consumer applies a disconnect
 * only when its {@code reportedAt} is not older than that of the last connect it applied.
 *
 * @param messageId the {@code id} of the device's message
 * @param reportedAt the message's {@code timestamp}: the time of the connection that ended
 * @param receivedAt when device-adapter received the message: when the device was last seen
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceDisconnected(
    String productKey,
    String deviceName,
    String messageId,
    Instant reportedAt,
    Instant receivedAt) {

  public static final String TYPE = "device.disconnected";
  public static final int VERSION = 1;
}
