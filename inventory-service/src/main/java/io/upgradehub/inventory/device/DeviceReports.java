package io.upgradehub.inventory.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.upgradehub.events.devices.DeviceConnected;
import io.upgradehub.events.devices.DeviceDisconnected;
import io.upgradehub.events.devices.DeviceVersionReported;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Every report applied (also one that changed nothing, being repeated or older) is counted in
 * {@value #APPLIED} and its end-to-end latency recorded in {@value #LATENCY}: from the adapter's
 * {@code receivedAt} to now, when its effect is stored. The adapter's clock, not the device's
 * {@code reportedAt}: device clocks drift or are unset (the adapter then substitutes its own time),
 * and a {@code status} carries its connection's time, not the time it was sent, so only {@code
 * receivedAt} measures the platform. Reports of a type this service does not use are counted in
 * {@value #NOT_USED}, so that applied + not used + ignored is every report consumed.
 */
@Service
class DeviceReports {

  /** Events skipped, tagged {@code reason}. */
  static final String IGNORED = "upgradehub.inventory.events.ignored";

  /** Reports applied, tagged {@code type}. */
  static final String APPLIED = "upgradehub.device-reports.applied";

  /** From the adapter's reception of a report to its effect stored here, tagged {@code type}. */
  static final String LATENCY = "upgradehub.device-reports.latency";

  /**
   * Reports of a type this service has no use for, consumed and left alone, tagged {@code type}.
   */
  static final String NOT_USED = "upgradehub.device-reports.not-used";

  /** What these events are, in the log of those skipped. */
  private static final String KIND = "device";

  private final Devices devices;
  private final UpgradeLog upgradeLog;
  private final VersionCounting counting;
  private final SkippedEvents skipped;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<String, Applied> applied = new ConcurrentHashMap<>();

  DeviceReports(
      Devices devices,
      UpgradeLog upgradeLog,
      VersionCounting counting,
      SkippedEvents skipped,
      MeterRegistry meters,
      Clock clock) {
    this.devices = devices;
    this.upgradeLog = upgradeLog;
    this.counting = counting;
    this.skipped = skipped;
    this.meters = meters;
    this.clock = clock;
    // registered up front, so that dashboards and the benchmark see zeros, not gaps
    for (String type :
        new String[] {DeviceVersionReported.TYPE, DeviceConnected.TYPE, DeviceDisconnected.TYPE}) {
      applied(type);
    }
  }

  /**
   * Sets the module's version, when newer than the last report applied, and hands a change to the
   * poll, which logs and counts it in the version distribution when it finishes ({@link #finish}).
   * A re-delivered event that made the current version answers its change again, so a log entry or
   * a count missing after a stop is completed, each exactly once.
   */
  void versionReported(String eventId, DeviceVersionReported report, ReportPoll poll) {
    if (skipped.product(KIND, eventId, report.productKey(), report.module()).isEmpty()) {
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
            counting::count,
            poll.take(id))
        .ifPresent(poll::changed);
    poll.versionApplied(report.receivedAt());
  }

  /** Reads the devices a poll's version reports name, in one query ({@link ReportPoll}). */
  void start(ReportPoll poll, Collection<DeviceId> reported) {
    poll.read(devices.readAll(reported));
  }

  /**
   * Logs and counts the version changes of a poll's reports, in the order they were made, and
   * records their latency: from the adapter's reception to now, when their effect is all stored.
   */
  void finish(ReportPoll poll) {
    upgradeLog.recordAll(poll.changes());
    counting.countAll(poll.changes());
    Instant now = clock.instant();
    Applied versions = applied(DeviceVersionReported.TYPE);
    poll.versionsReceivedAt().forEach(receivedAt -> versions.record(receivedAt, now));
  }

  /** Marks the device online, unless a newer connect or disconnect was applied. */
  void connected(String eventId, DeviceConnected event, ReportPoll poll) {
    connection(
        poll,
        eventId,
        DeviceConnected.TYPE,
        event.productKey(),
        event.deviceName(),
        true,
        event.reportedAt(),
        event.receivedAt());
  }

  /** Marks the device offline, unless the device connected again since. */
  void disconnected(String eventId, DeviceDisconnected event, ReportPoll poll) {
    connection(
        poll,
        eventId,
        DeviceDisconnected.TYPE,
        event.productKey(),
        event.deviceName(),
        false,
        event.reportedAt(),
        event.receivedAt());
  }

  /** Counts a report of a type this service does not use (no log: they are expected). */
  void notUsed(String type) {
    Counter.builder(NOT_USED)
        .description("Device reports of a type this service does not use, consumed and left alone")
        .tag("type", type)
        .register(meters)
        .increment();
  }

  /** Counts and logs an event that is skipped. */
  void ignore(String reason, String eventId, String why) {
    skipped.skip(KIND, reason, eventId, why);
  }

  private void connection(
      ReportPoll poll,
      String eventId,
      String type,
      String productKey,
      String deviceName,
      boolean online,
      Instant reportedAt,
      Instant receivedAt) {
    if (skipped.product(KIND, eventId, productKey, null).isEmpty()) {
      return;
    }
    DeviceId id = new DeviceId(productKey, deviceName);
    poll.take(id); // outdated by this write
    if (!devices.applyConnection(id, online, reportedAt, receivedAt)
        && devices.registerIfAbsent(id, clock.instant())) {
      devices.applyConnection(id, online, reportedAt, receivedAt);
    }
    applied(type).record(receivedAt, clock.instant());
  }

  private Applied applied(String type) {
    return applied.computeIfAbsent(
        type,
        t ->
            new Applied(
                Counter.builder(APPLIED)
                    .description("Device reports applied to the inventory")
                    .tag("type", t)
                    .register(meters),
                Timer.builder(LATENCY)
                    .description(
                        "From the device-adapter's reception of a report to its effect stored")
                    .tag("type", t)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofMinutes(2))
                    .register(meters)));
  }

  /** The applied counter and latency timer of one report type. */
  private record Applied(Counter count, Timer latency) {

    void record(Instant receivedAt, Instant now) {
      count.increment();
      // the clocks of two hosts: a report can seem stored before it was received; that is 0
      Duration elapsed = Duration.between(receivedAt, now);
      latency.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
    }
  }
}
