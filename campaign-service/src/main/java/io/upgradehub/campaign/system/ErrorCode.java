package io.upgradehub.campaign.system;

import io.upgradehub.problems.ErrorKey;
import org.springframework.http.HttpStatus;

/**
 * This service's own error keys and their HTTP status, beside the {@link
 * io.upgradehub.problems.CommonError common ones}. Keys are part of the API: add new ones, never
 * rename.
 */
public enum ErrorCode implements ErrorKey {
  PACKAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such package"),
  PACKAGE_DISABLED(HttpStatus.CONFLICT, "The package is disabled"),
  VERIFICATION_SKIPPED(HttpStatus.CONFLICT, "Verification was skipped for this package"),
  VERIFICATION_RUNNING(HttpStatus.CONFLICT, "A verification of this package is running"),
  ALREADY_VERIFIED(HttpStatus.CONFLICT, "The package is already verified"),
  NOT_VERIFIED(
      HttpStatus.CONFLICT, "The package is neither verified nor has its verification skipped"),
  BATCH_NOT_FOUND(HttpStatus.NOT_FOUND, "No such batch"),
  BATCH_STATE_CONFLICT(HttpStatus.CONFLICT, "The batch's state does not allow this"),
  JOB_NOT_FOUND(HttpStatus.NOT_FOUND, "No such job"),
  JOB_STATE_CONFLICT(HttpStatus.CONFLICT, "The job's state does not allow this"),
  FROM_VERSIONS_NOT_ALLOWED(
      HttpStatus.UNPROCESSABLE_CONTENT, "The package cannot upgrade from these versions"),
  DEVICES_NOT_ELIGIBLE(
      HttpStatus.UNPROCESSABLE_CONTENT, "Some chosen devices cannot take this package now"),
  UNKNOWN_DEVICES(HttpStatus.UNPROCESSABLE_CONTENT, "Some chosen devices are not in the product"),
  INVENTORY_UNAVAILABLE(
      HttpStatus.SERVICE_UNAVAILABLE, "The device inventory cannot be reached; try again"),
  UNKNOWN_PRODUCT(HttpStatus.UNPROCESSABLE_CONTENT, "No such product or module"),
  NO_PACKAGE(
      HttpStatus.UNPROCESSABLE_CONTENT,
      "No enabled package brings the start version to the target version"),
  DEVICES_BUSY(
      HttpStatus.CONFLICT, "Some devices are in an active batch or in another open transfer"),
  TRANSFER_NOT_FOUND(HttpStatus.NOT_FOUND, "No such transfer"),
  TRANSFER_STATE_CONFLICT(HttpStatus.CONFLICT, "The transfer's status does not allow this"),
  DECISION_CONFLICT(
      HttpStatus.CONFLICT, "Some devices were decided the other way: accepted or rejected");

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
