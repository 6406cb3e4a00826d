package io.upgradehub.inventory.system;

import io.upgradehub.problems.ErrorKey;
import org.springframework.http.HttpStatus;

/**
 * This service's own error keys and their HTTP status, beside the {@link
 * io.upgradehub.problems.CommonError common ones}. Keys are part of the API: add new ones, never
 * rename.
 */
public enum ErrorCode implements ErrorKey {
  PRODUCT_NOT_FOUND(HttpStatus.NOT_FOUND, "No such product"),
  PRODUCT_ALREADY_EXISTS(HttpStatus.CONFLICT, "A product with this key already exists"),
  DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such device"),
  DEVICE_ALREADY_EXISTS(
      HttpStatus.CONFLICT, "A device with this name already exists in the product"),
  UNKNOWN_MODULE(HttpStatus.UNPROCESSABLE_CONTENT, "The product has no such module");

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
