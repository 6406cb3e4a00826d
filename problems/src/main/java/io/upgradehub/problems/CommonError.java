package io.upgradehub.problems;

import org.springframework.http.HttpStatus;

/** The error keys every service answers with, beside its own. */
public enum CommonError implements ErrorKey {
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "The request has invalid fields"),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "A query or path parameter is invalid"),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request body cannot be read"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final HttpStatus status;
  private final String title;

  CommonError(HttpStatus status, String title) {
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
