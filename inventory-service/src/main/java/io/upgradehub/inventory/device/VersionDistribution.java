package io.upgradehub.inventory.device;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How many devices of a product run each version of one module, and their share.
 *
 * @param total the devices with a known version of the module
 * @param versions by device count, most first, then by version
 */
record VersionDistribution(
    String productKey, String module, long total, List<VersionShare> versions) {

  /**
   * One version's devices.
   *
   * @param share percent of {@code total} with one decimal; the shares of a distribution sum to
   *     exactly 100.0
   */
  record VersionShare(String version, String module, long deviceCount, double share) {}

  /**
   * Orders the counts and gives each its share in tenths of a percent by largest remainder: each
   * gets the floor of its exact share, and the tenths missing to 1000 go one each to the versions
   * with the largest remainders (ties: in the order of the list), so that they sum to 100.0.
   */
  static VersionDistribution of(String productKey, String module, Map<String, Long> counts) {
    List<Map.Entry<String, Long>> sorted =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .sorted(
                Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
                    .reversed()
                    .thenComparing(Map.Entry::getKey))
            .toList();
    long total = sorted.stream().mapToLong(Map.Entry::getValue).sum();
    if (total == 0) {
      return new VersionDistribution(productKey, module, 0, List.of());
    }
    int n = sorted.size();
    long[] tenths = new long[n];
    long[] remainders = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      long scaled = sorted.get(i).getValue() * 1000;
      tenths[i] = scaled / total;
      remainders[i] = scaled % total;
      given += tenths[i];
    }
    List<Integer> byRemainder = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byRemainder.add(i);
    }
    byRemainder.sort(
        Comparator.<Integer>comparingLong(i -> remainders[i]).reversed().thenComparing(i -> i));
    for (int k = 0; k < 1000 - given; k++) {
      tenths[byRemainder.get(k)]++;
    }
    List<VersionShare> versions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      versions.add(
          new VersionShare(
              sorted.get(i).getKey(), module, sorted.get(i).getValue(), tenths[i] / 10.0));
    }
    return new VersionDistribution(productKey, module, total, List.copyOf(versions));
  }
}
