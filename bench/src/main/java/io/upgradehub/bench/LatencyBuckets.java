package io.upgradehub.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a cumulative Prometheus histogram counted between two scrapes: percentiles read from its
 * buckets, interpolated linearly inside the bucket where the rank falls (so a figure is exact to
 * the bucket's width, some 10 % with Micrometer's percentile histogram).
 *
 * @param cumulative upper bound in seconds → observations at or below it, in the interval
 */
record LatencyBuckets(TreeMap<Double, Double> cumulative) {

  /** The counts of {@code after} less those of {@code before}, bucket by bucket. */
  static LatencyBuckets between(TreeMap<Double, Double> before, TreeMap<Double, Double> after) {
    TreeMap<Double, Double> delta = new TreeMap<>();
    after.forEach((bound, count) -> delta.put(bound, count - before.getOrDefault(bound, 0.0)));
    return new LatencyBuckets(delta);
  }

  /** Observations in the interval. */
  long count() {
    return cumulative.isEmpty() ? 0 : Math.round(cumulative.lastEntry().getValue());
  }

  /**
   * The {@code quantile} (0–1) in seconds; NaN without observations; the largest finite bound when
   * the rank falls into {@code +Inf}.
   */
  double quantile(double quantile) {
    long count = count();
    if (count == 0) {
      return Double.NaN;
    }
    double rank = Math.max(1, Math.ceil(quantile * count));
    double lower = 0;
    double below = 0;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() >= rank) {
        if (bucket.getKey().isInfinite()) {
          return lower;
        }
        double inBucket = bucket.getValue() - below;
        return lower + (bucket.getKey() - lower) * (rank - below) / inBucket;
      }
      lower = bucket.getKey();
      below = bucket.getValue();
    }
    return lower;
  }

  /** The upper bound of the highest bucket that received an observation; NaN without any. */
  double maxBound() {
    double previous = 0;
    double bound = Double.NaN;
    for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
      if (bucket.getValue() > previous) {
        bound = bucket.getKey();
      }
      previous = bucket.getValue();
    }
    return bound;
  }
}
