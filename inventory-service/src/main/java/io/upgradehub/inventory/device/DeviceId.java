package io.upgradehub.inventory.device;

import java.util.Objects;

/**
 * A device's identity: its name is unique within its product. Neither part may contain '/', so
 * {@link #value()} is unambiguous; it is the device document's {@code _id} and, later, the key of
 * its events.
 */
public record DeviceId(String productKey, String deviceName) {

  public DeviceId {
    Objects.requireNonNull(productKey, "productKey");
    Objects.requireNonNull(deviceName, "deviceName");
  }

  /** {@code {productKey}/{deviceName}}. */
  public String value() {
    return productKey + "/" + deviceName;
  }

  @Override
  public String toString() {
    return value();
  }
}
