package io.upgradehub.packages.system;

import io.upgradehub.problems.ErrorKey;
import org.springframework.http.HttpStatus;

/**
 * This service's own error keys and their HTTP status, beside the {@link
 * io.upgradehub.problems.CommonError common ones}. Keys are part of the API: add new ones, never
 * rename.
 */
public enum ErrorCode implements ErrorKey {
  MALFORMED_MULTIPART(HttpStatus.BAD_REQUEST, "The multipart body cannot be read"),
  METADATA_REQUIRED(HttpStatus.BAD_REQUEST, "The package metadata part is missing"),
  FILE_REQUIRED(HttpStatus.BAD_REQUEST, "The package file part is missing"),
  EMPTY_FILE(HttpStatus.BAD_REQUEST, "The package file is empty"),
  CHECKSUM_MISMATCH(
      HttpStatus.UNPROCESSABLE_CONTENT, "The file does not match the declared digest"),
  UNKNOWN_PRODUCT(HttpStatus.UNPROCESSABLE_CONTENT, "The product is not registered"),
  UNKNOWN_MODULE(HttpStatus.UNPROCESSABLE_CONTENT, "The product has no such module"),
  PACKAGE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The package file is too large"),
  PACKAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such package"),
  PACKAGE_ALREADY_EXISTS(HttpStatus.CONFLICT, "An identical package already exists"),
  CONCURRENT_MODIFICATION(HttpStatus.CONFLICT, "The package was changed concurrently"),
  STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Object storage is unavailable");

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
