package io.upgradehub.events.devices;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A device's identity: its product and its name, the Kafka key and envelope subject of every device
 * event, and the MQTT username of the device.
 *
 * <p>The rules are those of {@code docs/device-protocol.md}: a {@code productKey} is 1–64 of {@code
 * A-Z a-z 0-9 _ -}; a {@code deviceName} is 1–64 of {@code A-Z a-z 0-9 _ . -} and does not start
 * with a dot. Neither can hold {@code /}, {@code +}, {@code #} or {@code :}, so both are safe as
 * MQTT topic levels, URL path segments, and the user part of HTTP Basic credentials.
 *
 * @param productKey the product, never null, valid by the rule above
 * @param deviceName the device within the product, never null, valid by the rule above
 */
public record DeviceKey(String productKey, String deviceName) {

  private static final Pattern PRODUCT_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern DEVICE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}");

  /**
   * @throws NullPointerException when either part is null
   * @throws IllegalArgumentException when either part breaks the identity rules
   */
  public DeviceKey {
    Objects.requireNonNull(productKey, "productKey");
    Objects.requireNonNull(deviceName, "deviceName");
    if (!isValidProductKey(productKey)) {
      throw new IllegalArgumentException(
          "productKey must be 1-64 characters of [A-Za-z0-9_-]: " + abbreviate(productKey));
    }
    if (!isValidDeviceName(deviceName)) {
      throw new IllegalArgumentException(
          "deviceName must be 1-64 characters of [A-Za-z0-9_.-], not starting with '.': "
              + abbreviate(deviceName));
    }
  }

  /**
   * Reads {@code productKey/deviceName}, the form {@link #value()} writes.
   *
   * @throws NullPointerException when {@code value} is null
   * @throws IllegalArgumentException when it is not one {@code /} between a valid product key and a
   *     valid device name
   */
  public static DeviceKey parse(String value) {
    Objects.requireNonNull(value, "value");
    int slash = value.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          "a device key is productKey/deviceName: " + abbreviate(value));
    }
    // a second slash lands in the device name, which refuses it
    return new DeviceKey(value.substring(0, slash), value.substring(slash + 1));
  }

  /** Whether {@code candidate} is a valid product key; false for null. */
  public static boolean isValidProductKey(String candidate) {
    return candidate != null && PRODUCT_KEY.matcher(candidate).matches();
  }

  /** Whether {@code candidate} is a valid device name; false for null. */
  public static boolean isValidDeviceName(String candidate) {
    return candidate != null && DEVICE_NAME.matcher(candidate).matches();
  }

  /** {@code productKey/deviceName}: the Kafka key, the envelope subject, the MQTT username. */
  public String value() {
    return productKey + "/" + deviceName;
  }

  /**
   * The envelope id of the event made from one device message: the same for every repeat of the
   * message, so that consumers, which deduplicate by event id, treat repeats as one.
   *
   * @param type the event type, e.g. {@link DeviceVersionReported#TYPE}; never null
   * @param messageId the {@code id} the device gave the message; never null
   */
  public UUID eventId(String type, String messageId) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(messageId, "messageId");
    // '\n' cannot occur in any part, so distinct inputs never collide by concatenation
    String name = type + "\n" + value() + "\n" + messageId;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return value();
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? "'" + value + "'" : "'" + value.substring(0, 80) + "…'";
  }
}
