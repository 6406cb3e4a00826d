package io.upgradehub.inventory.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.upgradehub.events.devices.DeviceConnected;
import io.upgradehub.events.devices.DeviceProgressReported;
import io.upgradehub.events.devices.DeviceVersionReported;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ingest metrics the benchmark reads: every applied report is counted and its latency from the
 * adapter's reception recorded, per event type, as a percentile histogram on {@code
 * /actuator/prometheus}; a report of a type this service does not use is counted apart.
 */
class DeviceReportMetricsIntegrationTests extends DeviceReportsTest {

  @Test
  void appliedReportsAreCountedWithTheirLatencySinceReceptionPerType() throws Exception {
    double versionsBefore = applied(DeviceVersionReported.TYPE);
    long latenciesBefore = latency(DeviceVersionReported.TYPE).count();
    double connectsBefore = applied(DeviceConnected.TYPE);
    long connectLatenciesBefore = latency(DeviceConnected.TYPE).count();
    // received a known 3 s ago: the recorded latency is at least that
    Instant receivedAt = Instant.now().minusSeconds(3);
    publish(
        DeviceVersionReported.TYPE,
        "m-v",
        new DeviceVersionReported(
            productKey, "cam-1", "default", "1.0.0", "m-v", at(1), receivedAt));
    connected("cam-1", "m-c", at(2));

    await(
        "both reports counted",
        () ->
            applied(DeviceVersionReported.TYPE) > versionsBefore
                && applied(DeviceConnected.TYPE) > connectsBefore);
    assertThat(latency(DeviceVersionReported.TYPE).count()).isGreaterThan(latenciesBefore);
    assertThat(latency(DeviceConnected.TYPE).count()).isGreaterThan(connectLatenciesBefore);
    assertThat(latency(DeviceVersionReported.TYPE).max(TimeUnit.SECONDS))
        .isGreaterThanOrEqualTo(3.0);

    String scrape = get("/actuator/prometheus").body();
    assertThat(scrape)
        .contains("upgradehub_device_reports_applied_total{")
        .containsPattern(
            "(?m)^upgradehub_device_reports_latency_seconds_bucket\\{"
                + "(?=[^}]*type=\"device.version-reported\")(?=[^}]*le=\"[0-9.]+\")")
        .contains("upgradehub_device_reports_latency_seconds_count{");
  }

  @Test
  void reportOfATypeNotUsedHereIsCountedApartAndNotApplied() throws Exception {
    double notUsedBefore = notUsed(DeviceProgressReported.TYPE);
    double versionsBefore = applied(DeviceVersionReported.TYPE);
    publish(
        DeviceProgressReported.TYPE,
        "m-p",
        new DeviceProgressReported(
            productKey, "cam-1", "job-1", 35, null, "downloading", "m-p", at(1), at(1)));
    version("cam-1", "default", "2.0.0", at(2));

    await("the later version report", () -> applied(DeviceVersionReported.TYPE) > versionsBefore);
    assertThat(notUsed(DeviceProgressReported.TYPE)).isGreaterThan(notUsedBefore);
    assertThat(
            meters.find(DeviceReports.APPLIED).tag("type", DeviceProgressReported.TYPE).counter())
        .isNull();
  }

  private double applied(String type) {
    return meters.counter(DeviceReports.APPLIED, "type", type).count();
  }

  private double notUsed(String type) {
    return meters.counter(DeviceReports.NOT_USED, "type", type).count();
  }

  private Timer latency(String type) {
    return meters.get(DeviceReports.LATENCY).tag("type", type).timer();
  }
}
