package io.upgradehub.packages.catalog;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param page zero-based page number
 * @param total the number of matches over all pages
 */
public record PackagePage<T>(List<T> items, int page, int size, long total) {

  <R> PackagePage<R> map(Function<T, R> mapper) {
    return new PackagePage<>(items.stream().map(mapper).toList(), page, size, total);
  }
}
