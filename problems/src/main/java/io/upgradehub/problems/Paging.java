package io.upgradehub.problems;

/**
 * The paging parameters every list of the API takes: {@code page} zero-based, {@code size}
 * 1–{@value #MAX_SIZE}.
 */
public final class Paging {

  public static final int MAX_SIZE = 100;

  private Paging() {}

  /**
   * @throws ApiException {@code INVALID_PARAMETER}, naming each wrong parameter, when {@code page}
   *     is negative or {@code size} is outside 1..{@value #MAX_SIZE}
   */
  public static void check(int page, int size) {
    FieldErrors errors = new FieldErrors();
    if (page < 0) {
      errors.add("page", "OUT_OF_RANGE", "must be 0 or more");
    }
    if (size < 1 || size > MAX_SIZE) {
      errors.add("size", "OUT_OF_RANGE", "must be between 1 and " + MAX_SIZE);
    }
    errors.throwIfAny(CommonError.INVALID_PARAMETER);
  }
}
