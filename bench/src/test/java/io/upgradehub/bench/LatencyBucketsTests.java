package io.upgradehub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyBucketsTests {

  private static final String BEFORE =
      """
      # TYPE upgradehub_device_reports_latency_seconds histogram
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",type="device.connected",le="0.1"} 10.0
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",type="device.connected",le="0.2"} 10.0
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",type="device.connected",le="+Inf"} 10.0
      upgradehub_device_reports_applied_total{application="inventory-service",type="device.connected"} 10.0
      """;

  private static final String AFTER =
      """
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",type="device.connected",le="0.1"} 60.0
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",type="device.connected",le="0.2"} 108.0
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",type="device.connected",le="+Inf"} 110.0
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",le="0.1",type="device.version-reported"} 0.0
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",le="0.2",type="device.version-reported"} 0.0
      upgradehub_device_reports_latency_seconds_bucket{application="inventory-service",le="+Inf",type="device.version-reported"} 0.0
      upgradehub_device_reports_applied_total{application="inventory-service",type="device.connected"} 110.0
      upgradehub_device_reports_applied_total{application="inventory-service",type="device.disconnected"} 5.0
      """;

  @Test
  void sumsSamplesByNameAndLabels() {
    MetricsScrape scrape = MetricsScrape.parse(AFTER);

    assertThat(scrape.sum("upgradehub_device_reports_applied_total")).isEqualTo(115.0);
    assertThat(
            scrape.sum(
                "upgradehub_device_reports_applied_total",
                labels -> "device.disconnected".equals(labels.get("type"))))
        .isEqualTo(5.0);
  }

  @Test
  void percentilesComeFromTheBucketsCountedBetweenTwoScrapes() {
    LatencyBuckets window = between(BEFORE, AFTER);

    assertThat(window.count()).isEqualTo(100);
    // 50 of 100 at or below 0.1 s: the median is the bucket's bound
    assertThat(window.quantile(0.5)).isCloseTo(0.1, within(1e-9));
    // rank 74 of 100 is the 24th of the 48 observations in (0.1, 0.2]: half way
    assertThat(window.quantile(0.74)).isCloseTo(0.15, within(1e-9));
    // 2 observations above the largest finite bound: p99 is reported as that bound
    assertThat(window.quantile(0.99)).isEqualTo(0.2);
    assertThat(window.maxBound()).isInfinite();
  }

  @Test
  void noObservationsHaveNoPercentile() {
    LatencyBuckets window = between(BEFORE, BEFORE);

    assertThat(window.count()).isZero();
    assertThat(window.quantile(0.99)).isNaN();
  }

  private static LatencyBuckets between(String before, String after) {
    String histogram = "upgradehub_device_reports_latency_seconds";
    return LatencyBuckets.between(
        MetricsScrape.parse(before).buckets(histogram),
        MetricsScrape.parse(after).buckets(histogram));
  }
}
