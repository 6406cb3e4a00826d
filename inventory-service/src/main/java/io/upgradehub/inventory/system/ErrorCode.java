package io.upgradehub.inventory.system;

import org.springframework.http.HttpStatus;

/**
 * Every error key this service answers with, and its HTTP status: the one place where the two are
 * mapped. Keys are part of the API: add new ones, never rename.
 */
public enum ErrorCode {
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "The request has invalid fields"),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "A query or path parameter is invalid"),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request body cannot be read"),
  PRODUCT_NOT_FOUND(HttpStatus.NOT_FOUND, "No such product"),
  PRODUCT_ALREADY_EXISTS(HttpStatus.CONFLICT, "A product with this key already exists"),
  DEVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such device"),
  DEVICE_ALREADY_EXISTS(
      HttpStatus.CONFLICT, "A device with this name already exists in the product"),
  UNKNOWN_MODULE(HttpStatus.UNPROCESSABLE_CONTENT, "The product has no such module"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final HttpStatus status;
  private final String title;

  ErrorCode(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
