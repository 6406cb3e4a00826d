package io.upgradehub.inventory.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.device.VersionDistribution.VersionShare;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionDistributionTests {

  @Test
  void threeEqualCountsGiveTheSpareTenthToTheFirstAndSumTo100() {
    VersionDistribution d =
        VersionDistribution.of("cam", "default", Map.of("1.0", 1L, "2.0", 1L, "3.0", 1L));

    assertThat(d.total()).isEqualTo(3);
    assertThat(d.versions())
        .containsExactly(
            new VersionShare("1.0", "default", 1, 33.4),
            new VersionShare("2.0", "default", 1, 33.3),
            new VersionShare("3.0", "default", 1, 33.3));
  }

  @Test
  void sortsByDeviceCountMostFirstThenByVersion() {
    VersionDistribution d =
        VersionDistribution.of("cam", "mcu", Map.of("b", 2L, "a", 2L, "c", 5L, "zero", 0L));

    assertThat(d.versions()).extracting(VersionShare::version).containsExactly("c", "a", "b");
    assertThat(d.versions()).extracting(VersionShare::module).containsOnly("mcu");
    assertThat(d.total()).isEqualTo(9);
  }

  @Test
  void largestRemaindersGetTheMissingTenthsSoSharesAlwaysSumToExactly100() {
    // 1/7 = 14.2857.. ; 6 x 1/7 and 1 x 1/7: floors 142 x 7 = 994, six tenths to hand out
    Map<String, Long> awkward =
        Map.of("a", 1L, "b", 1L, "c", 1L, "d", 1L, "e", 1L, "f", 1L, "g", 1L);
    VersionDistribution d = VersionDistribution.of("cam", "default", awkward);
    assertThat(tenths(d)).isEqualTo(1000);
    assertThat(d.versions()).extracting(VersionShare::share).containsOnly(14.3, 14.2);

    VersionDistribution skewed =
        VersionDistribution.of("cam", "default", Map.of("big", 997L, "s1", 1L, "s2", 1L, "s3", 1L));
    assertThat(tenths(skewed)).isEqualTo(1000);
    assertThat(skewed.versions())
        .extracting(VersionShare::share)
        .containsExactly(99.7, 0.1, 0.1, 0.1);

    VersionDistribution thirds = VersionDistribution.of("cam", "default", Map.of("x", 2L, "y", 1L));
    assertThat(thirds.versions()).extracting(VersionShare::share).containsExactly(66.7, 33.3);
  }

  @Test
  void noDevicesIsAnEmptyDistribution() {
    VersionDistribution d = VersionDistribution.of("cam", "default", Map.of());

    assertThat(d.total()).isZero();
    assertThat(d.versions()).isEmpty();
  }

  @Test
  void versionAndDeviceNameKeysAreEscapedReversiblyWithoutDotsOrDollars() {
    assertThat(VersionCounts.key("1.2.0+build.7")).doesNotContain(".").doesNotContain("$");
    assertThat(VersionCounts.unkey(VersionCounts.key("1.2.0+build.7"))).isEqualTo("1.2.0+build.7");
    assertThat(VersionCounts.bucket("cam-1")).isBetween(0, VersionCounts.BUCKETS - 1);
  }

  private static long tenths(VersionDistribution d) {
    return d.versions().stream().mapToLong(v -> Math.round(v.share() * 10)).sum();
  }
}
