package io.upgradehub.gateway.problem;

import java.util.List;
import java.util.Objects;

/**
 * Raised anywhere in the gateway to answer with a problem of a given {@link ErrorCode}; rendered by
 * the single error handler, so no code writes an error body of its own.
 */
public class ProblemException extends RuntimeException {

  private final ErrorCode code;
  private final transient List<FieldError> errors;

  /**
   * @param code the stable error key, never null
   * @param detail a sentence for a person about this occurrence; must not carry secrets
   */
  public ProblemException(ErrorCode code, String detail) {
    this(code, detail, List.of());
  }

  /**
   * @param errors the rejected fields, empty when the problem is not about input fields
   */
  public ProblemException(ErrorCode code, String detail, List<FieldError> errors) {
    // no stack trace: these are expected outcomes, thrown on hot paths such as a missing key
    super(detail, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.errors = List.copyOf(errors);
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
