package io.upgradehub.inventory.device;

import org.jspecify.annotations.Nullable;

/**
 * One row of an import file as read: the device to register, or why the row cannot be read.
 *
 * @param line where the row is (1-based; for a JSON array, the line its object starts on)
 * @param deviceName the name the row gives, when it can be told, for the report
 * @param request the row as a registration, null when it cannot be read
 * @param unreadable why the row cannot be read, null when it can
 */
record ImportRow(
    long line,
    @Nullable String deviceName,
    @Nullable NewDeviceRequest request,
    @Nullable String unreadable) {

  static ImportRow of(long line, NewDeviceRequest request) {
    return new ImportRow(line, request.deviceName(), request, null);
  }

  static ImportRow unreadable(long line, @Nullable String deviceName, String why) {
    return new ImportRow(line, deviceName, null, why);
  }
}
