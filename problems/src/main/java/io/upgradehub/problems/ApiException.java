package io.upgradehub.problems;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the caller caused or must know about, answered as an RFC 9457 problem with the status
 * and key of its {@link ErrorKey}.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorKey code;
  private final transient List<FieldError> fieldErrors;
  private final transient Map<String, String> headers = new LinkedHashMap<>();

  public ApiException(ErrorKey code, String detail) {
    this(code, detail, List.of());
  }

  public ApiException(ErrorKey code, String detail, List<FieldError> fieldErrors) {
    super(detail);
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public ApiException(ErrorKey code, String detail, Throwable cause) {
    super(detail, cause);
    this.code = code;
    this.fieldErrors = List.of();
  }

  public ErrorKey code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  /**
   * Adds a header to the problem response, e.g. {@code Retry-After} or {@code WWW-Authenticate}.
   *
   * @return this exception
   */
  public ApiException withHeader(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** The headers the problem response carries, in the order they were added. */
  public Map<String, String> headers() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }
}
