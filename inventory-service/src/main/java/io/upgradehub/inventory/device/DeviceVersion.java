package io.upgradehub.inventory.device;

import org.jspecify.annotations.Nullable;

/**
 * A device and the version one of its modules runs, as the internal API answers it.
 *
 * @param version null when the device has no known version of the module
 */
record DeviceVersion(String deviceName, @Nullable String version) {}
