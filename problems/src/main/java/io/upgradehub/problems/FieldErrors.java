package io.upgradehub.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects the field errors of one request so that the caller learns of all of them at once. */
public final class FieldErrors {

  private final List<FieldError> errors = new ArrayList<>();

  /** Checks a required text: present, not blank, at most {@code max} characters. */
  public FieldErrors requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      add(field, "REQUIRED", "must not be blank");
    } else {
      maxLength(field, value, max);
    }
    return this;
  }

  /** Checks an optional text: when present, at most {@code max} characters. */
  public FieldErrors maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      add(field, "TOO_LONG", "must be at most " + max + " characters");
    }
    return this;
  }

  /** Checks that a present, non-blank value matches {@code pattern}. */
  public FieldErrors matches(String field, String value, Pattern pattern, String describe) {
    if (value != null && !value.isBlank() && !pattern.matcher(value).matches()) {
      add(field, "INVALID_FORMAT", "must be " + describe);
    }
    return this;
  }

  public FieldErrors add(String field, String code, String message) {
    errors.add(new FieldError(field, code, message));
    return this;
  }

  /**
   * @throws ApiException with {@link CommonError#VALIDATION_FAILED} when any error was collected
   */
  public void throwIfAny() {
    throwIfAny(CommonError.VALIDATION_FAILED);
  }

  /**
   * @throws ApiException with {@code code} when any error was collected
   */
  public void throwIfAny(ErrorKey code) {
    if (!errors.isEmpty()) {
      throw new ApiException(code, errors.size() + " field(s) are invalid", errors);
    }
  }
}
