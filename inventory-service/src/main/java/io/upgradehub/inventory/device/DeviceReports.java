package io.upgradehub.inventory.device;

import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.events.devices.DeviceConnected;
import io.upgradehub.events.devices.DeviceDisconnected;
import io.upgradehub.events.devices.DeviceVersionReported;
import io.upgradehub.inventory.product.Product;
import io.upgradehub.inventory.product.ProductManagement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies what devices reported to the inventory. Every method is idempotent and independent of the
 * order of delivery, so that the at-least-once delivery of the device reports topic needs no store
 * of processed event ids: a repeated or older report changes nothing, a repeated version change
 * writes its upgrade log entry under the same id (the event's), which is one entry.
 *
 * <p>A report of a device not yet registered registers it when its product is known (devices often
 * connect before they are imported); a report for an unknown product or module is counted in
 * {@value #IGNORED} and skipped.
 */
@Service
class DeviceReports {

  /** Events skipped, tagged {@code reason}. */
  static final String IGNORED = "upgradehub.inventory.events.ignored";

  private static final Logger log = LoggerFactory.getLogger(DeviceReports.class);

  private final Devices devices;
  private final UpgradeLog upgradeLog;
  private final VersionCounting counting;
  private final ProductManagement products;
  private final MeterRegistry meters;
  private final Clock clock;

  DeviceReports(
      Devices devices,
      UpgradeLog upgradeLog,
      VersionCounting counting,
      ProductManagement products,
      MeterRegistry meters,
      Clock clock) {
    this.devices = devices;
    this.upgradeLog = upgradeLog;
    this.counting = counting;
    this.products = products;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Sets the module's version, when newer than the last report applied; logs a change and counts it
   * in the version distribution. A re-delivered event that made the current version answers its
   * change again, so a log entry or a count missing after a stop is completed, each exactly once.
   */
  void versionReported(String eventId, DeviceVersionReported report) {
    Optional<Product> product = knownProduct(eventId, report.productKey());
    if (product.isEmpty()) {
      return;
    }
    if (!product.get().hasModule(report.module())) {
      ignore(
          "unknown-module",
          eventId,
          "product '" + report.productKey() + "' has no module '" + report.module() + "'");
      return;
    }
    DeviceId id = new DeviceId(report.productKey(), report.deviceName());
    devices
        .applyVersion(
            id,
            report.module(),
            report.version(),
            report.reportedAt(),
            eventId,
            clock.instant(),
            counting::count)
        .ifPresent(
            change -> {
              upgradeLog.record(change);
              counting.count(change);
            });
  }

  /** Marks the device online, unless a newer connect or disconnect was applied. */
  void connected(String eventId, DeviceConnected event) {
    connection(
        eventId,
        event.productKey(),
        event.deviceName(),
        true,
        event.reportedAt(),
        event.receivedAt());
  }

  /** Marks the device offline, unless the device connected again since. */
  void disconnected(String eventId, DeviceDisconnected event) {
    connection(
        eventId,
        event.productKey(),
        event.deviceName(),
        false,
        event.reportedAt(),
        event.receivedAt());
  }

  /** Counts and logs an event that is skipped. */
  void ignore(String reason, String eventId, String why) {
    meters.counter(IGNORED, "reason", reason).increment();
    log.warn("Skipped device event {} ({}): {}", eventId, reason, why);
  }

  private void connection(
      String eventId,
      String productKey,
      String deviceName,
      boolean online,
      Instant reportedAt,
      Instant receivedAt) {
    if (knownProduct(eventId, productKey).isEmpty()) {
      return;
    }
    DeviceId id = new DeviceId(productKey, deviceName);
    if (!devices.applyConnection(id, online, reportedAt, receivedAt)
        && devices.registerIfAbsent(id, clock.instant())) {
      devices.applyConnection(id, online, reportedAt, receivedAt);
    }
  }

  private Optional<Product> knownProduct(String eventId, String productKey) {
    Optional<Product> product = products.find(productKey);
    if (product.isEmpty()) {
      ignore("unknown-product", eventId, "no product '" + productKey + "'");
    }
    return product;
  }
}
