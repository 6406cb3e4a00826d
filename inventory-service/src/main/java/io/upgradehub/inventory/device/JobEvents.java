package io.upgradehub.inventory.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Applies campaign-service's job events to the inventory: the end of every upgrade attempt is an
 * upgrade log entry and moves the device's counters ({@link UpgradeCounters}). Idempotent: a
 * repeated end, or an older one than the device's last counted, writes its log entry again under
 * the same id (one entry) and moves no counter, so at-least-once delivery needs no store of
 * processed event ids.
 *
 * <p>The counters are written <b>before</b> the log entry: a stop between the two leaves the entry
 * missing, and the re-delivered event, finding the attempt counted, writes just the entry. The
 * other order would leave an entry whose count a re-delivery could not tell apart from a done one.
 *
 * <p>Only the final states ({@link JobState#isFinal()}) change anything. {@code QUEUED} to {@code
 * UPGRADING} are progress the campaign shows; the log keeps outcomes (and the version changes
 * devices report), so they are checked, counted in {@value #APPLIED} and left alone, without a
 * look-up of their product or device.
 *
 * <p>An end for a device not yet registered registers it when its product is known (a
 * transferred-in device need not be in the inventory); an end for an unknown product, or for a
 * module its product does not have, is counted in {@value DeviceReports#IGNORED} and skipped.
 */
@Service
class JobEvents {

  /** Job events applied (also a repeat that changed nothing), tagged {@code state}. */
  static final String APPLIED = "upgradehub.job-events.applied";

  /** What these events are, in the log of those skipped. */
  private static final String KIND = "job";

  private final Devices devices;
  private final UpgradeCounters counters;
  private final UpgradeLog upgradeLog;
  private final SkippedEvents skipped;
  private final Clock clock;
  private final Map<JobState, Counter> applied = new EnumMap<>(JobState.class);

  JobEvents(
      Devices devices,
      UpgradeCounters counters,
      UpgradeLog upgradeLog,
      SkippedEvents skipped,
      MeterRegistry meters,
      Clock clock) {
    this.devices = devices;
    this.counters = counters;
    this.upgradeLog = upgradeLog;
    this.skipped = skipped;
    this.clock = clock;
    // registered up front, so that dashboards see zeros, not gaps
    for (JobState state : JobState.values()) {
      applied.put(
          state,
          Counter.builder(APPLIED)
              .description("Job events applied to the inventory")
              .tag("state", state.name())
              .register(meters));
    }
  }

  /** Logs and counts the end of an attempt; a non-final state changes nothing. */
  void stateChanged(String eventId, JobStateChanged event) {
    if (event.state().isFinal()) {
      if (skipped.product(KIND, eventId, event.productKey(), event.module()).isEmpty()) {
        return;
      }
      ended(UpgradeAttempt.of(event));
    }
    applied.get(event.state()).increment();
  }

  private void ended(UpgradeAttempt attempt) {
    if (!counters.count(attempt)) {
      // not counted: a repeat, an older end, a canceled attempt, or a device not stored yet.
      // Counting again after the registration is a no-op for the first three, and also counts
      // when someone else registered the device between the two calls.
      devices.registerIfAbsent(attempt.device(), clock.instant());
      counters.count(attempt);
    }
    upgradeLog.record(attempt);
  }

  /** Counts and logs a job event that is skipped. */
  void ignore(String reason, String eventId, String why) {
    skipped.skip(KIND, reason, eventId, why);
  }
}
