package io.upgradehub.notification.system;

import io.upgradehub.problems.Paging;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param page zero-based page number
 * @param total the number of matches over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  public static final int MAX_SIZE = Paging.MAX_SIZE;

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), page, size, total);
  }

  /**
   * Checks the paging parameters of a list request (see {@link Paging#check}).
   *
   * @throws io.upgradehub.problems.ApiException {@code INVALID_PARAMETER} when {@code page} is
   *     negative or {@code size} is outside 1..{@value #MAX_SIZE}
   */
  public static void checkParameters(int page, int size) {
    Paging.check(page, size);
  }
}
