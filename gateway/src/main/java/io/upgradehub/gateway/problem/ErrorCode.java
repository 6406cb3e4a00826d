package io.upgradehub.gateway.problem;

import org.springframework.http.HttpStatus;

/**
 * The stable error keys the gateway answers with, each mapped to its HTTP status here and nowhere
 * else. Clients switch on the {@code code} member of a problem body, never on its text.
 */
public enum ErrorCode {
  /** No API key was presented on a path that needs one. */
  AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED),
  /** The presented API key is unknown (or was revoked). */
  INVALID_API_KEY(HttpStatus.UNAUTHORIZED),
  /** The key is valid but its role does not allow this request. */
  ACCESS_DENIED(HttpStatus.FORBIDDEN),
  /** A cross-origin request from an origin, method or header that is not allowed. */
  CORS_REJECTED(HttpStatus.FORBIDDEN),
  /** The request body or path could not be read (malformed JSON, dot segments in the path). */
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
  /** The request was well-formed but fields failed validation; see {@code errors}. */
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
  /** Nothing is routed or mapped at this path, or the addressed resource does not exist. */
  NOT_FOUND(HttpStatus.NOT_FOUND),
  /** The path exists but not for this HTTP method. */
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  /** The request's Content-Type is not accepted here. */
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  /** None of the Accept media types can be produced. */
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
  /** A body the gateway itself reads (not a proxied one) is larger than it buffers. */
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
  /** An API key with this name already exists. */
  API_KEY_NAME_TAKEN(HttpStatus.CONFLICT),
  /** The API key is defined in configuration and can only be removed there. */
  API_KEY_MANAGED_BY_CONFIG(HttpStatus.CONFLICT),
  /** Any other client error the framework raised (keeps the framework's 4xx status). */
  REQUEST_REJECTED(HttpStatus.BAD_REQUEST),
  /** The upstream service answered the connection with an error or closed it early. */
  BAD_GATEWAY(HttpStatus.BAD_GATEWAY),
  /** The upstream service (or the gateway's key store) cannot be reached right now. */
  SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
  /** The upstream service did not answer within the route's response timeout. */
  GATEWAY_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT),
  /** A fault inside the gateway; details are logged with the request id, never returned. */
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

  private final HttpStatus status;

  ErrorCode(HttpStatus status) {
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }
}
