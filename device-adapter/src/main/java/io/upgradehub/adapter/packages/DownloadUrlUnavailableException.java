package io.upgradehub.adapter.packages;

import io.upgradehub.events.devices.DeviceCommandFailed;

/**
 * No download URL could be had for a package; {@link #reason()} says why in the terms of {@link
 * DeviceCommandFailed}.
 */
public class DownloadUrlUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  DownloadUrlUnavailableException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * @return {@link DeviceCommandFailed#PACKAGE_NOT_FOUND} or {@link
   *     DeviceCommandFailed#PACKAGE_SERVICE_UNAVAILABLE}
   */
  public String reason() {
    return reason;
  }
}
