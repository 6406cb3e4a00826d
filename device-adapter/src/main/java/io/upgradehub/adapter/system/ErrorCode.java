package io.upgradehub.adapter.system;

import io.upgradehub.problems.ErrorKey;
import org.springframework.http.HttpStatus;

/**
 * The device-facing HTTP API's own error keys (§7 of the device protocol), beside the {@link
 * io.upgradehub.problems.CommonError common ones}. Keys are part of the protocol: add new ones,
 * never rename.
 */
public enum ErrorCode implements ErrorKey {
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Device credentials are missing or wrong"),
  FORBIDDEN(HttpStatus.FORBIDDEN, "The credentials are another device's"),
  DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such product or device"),
  UNKNOWN_MODULE(HttpStatus.UNPROCESSABLE_CONTENT, "The product has no such module"),
  TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many requests from this device"),
  SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The platform cannot answer now");

  private final HttpStatus status;
  private final String title;

  ErrorCode(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  @Override
  public HttpStatus status() {
    return status;
  }

  @Override
  public String title() {
    return title;
  }
}
