package io.upgradehub.campaign.system;

import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;

/** The paging parameters of every list: {@code page} zero-based, {@code size} 1–100. */
public final class Paging {

  public static final int MAX_SIZE = 100;

  private Paging() {}

  /**
   * @throws io.upgradehub.problems.ApiException {@code INVALID_PARAMETER} when {@code page} is
   *     negative or {@code size} is outside 1..{@value #MAX_SIZE}
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
