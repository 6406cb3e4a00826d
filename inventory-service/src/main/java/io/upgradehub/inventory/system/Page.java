package io.upgradehub.inventory.system;

import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param page zero-based page number
 * @param total the number of matches over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int MAX_SIZE = 100;

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), page, size, total);
  }

  /**
   * Checks the paging parameters of a list request.
   *
   * @throws ApiException {@code INVALID_PARAMETER} when {@code page} is negative or {@code size} is
   *     outside 1..{@value #MAX_SIZE}
   */
  public static void checkParameters(int page, int size) {
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
