package io.upgradehub.packages.system;

import org.springframework.http.HttpStatus;

/**
 * Every error key this service answers with, and its HTTP status: the one place where the two are
 * mapped. Keys are part of the API: add new ones, never rename.
 */
public enum ErrorCode {
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "The request has invalid fields"),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "A query or path parameter is invalid"),
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request body cannot be read"),
  MALFORMED_MULTIPART(HttpStatus.BAD_REQUEST, "The multipart body cannot be read"),
  METADATA_REQUIRED(HttpStatus.BAD_REQUEST, "The package metadata part is missing"),
  FILE_REQUIRED(HttpStatus.BAD_REQUEST, "The package file part is missing"),
  EMPTY_FILE(HttpStatus.BAD_REQUEST, "The package file is empty"),
  CHECKSUM_MISMATCH(
      HttpStatus.UNPROCESSABLE_CONTENT, "The file does not match the declared digest"),
  PACKAGE_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The package file is too large"),
  PACKAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "No such package"),
  PACKAGE_ALREADY_EXISTS(HttpStatus.CONFLICT, "An identical package already exists"),
  CONCURRENT_MODIFICATION(HttpStatus.CONFLICT, "The package was changed concurrently"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
  STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Object storage is unavailable"),
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
