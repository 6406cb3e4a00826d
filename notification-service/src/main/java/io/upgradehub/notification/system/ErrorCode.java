package io.upgradehub.notification.system;

import io.upgradehub.problems.ErrorKey;
import org.springframework.http.HttpStatus;

/**
 * This service's own error keys and their HTTP status, beside the {@link
 * io.upgradehub.problems.CommonError common ones}. Keys are part of the API: add new ones, never
 * rename.
 */
public enum ErrorCode implements ErrorKey {
  NOTIFICATION_NOT_FOUND(HttpStatus.NOT_FOUND, "No such notification"),
  RECORD_NOT_FOUND(HttpStatus.NOT_FOUND, "No such notification record"),
  ASSOCIATION_NOT_FOUND(
      HttpStatus.NOT_FOUND, "The package is not associated with the notification"),
  ADDRESS_NOT_ALLOWED(
      HttpStatus.UNPROCESSABLE_CONTENT,
      "The URL's host is an internal address that webhooks may not reach"),
  UNRESOLVABLE_HOST(HttpStatus.UNPROCESSABLE_CONTENT, "The URL's host name cannot be resolved"),
  UNKNOWN_PACKAGE(
      HttpStatus.UNPROCESSABLE_CONTENT,
      "No such package (a package created a moment ago may not be known here yet: retry)"),
  PACKAGE_OF_ANOTHER_PRODUCT(
      HttpStatus.UNPROCESSABLE_CONTENT, "The package belongs to another product"),
  NOTIFICATION_DISABLED(
      HttpStatus.CONFLICT, "The notification is disabled: enable it before replaying");

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
