package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.events.batches.BatchState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Lets devices join {@code DYNAMIC} batches: a device that reports a from-version of a running (or
 * paused) dynamic batch of its product and module, falls in its scope, holds no open job of the
 * module, and was never in the batch, gets a job at the end of the batch's queue. A {@code STATIC}
 * batch never grows. A {@code GROUP} scope is not joined this way (a report does not carry the
 * device's tags); its devices are those planned.
 */
@Service
public class DynamicJoins {

  /** How long the list of joinable batches is reused: reports come by the thousand a second. */
  private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Batches batches;
  private final Jobs jobs;
  private final Clock clock;
  private volatile List<Batch> joinable = List.of();
  private volatile long readAt = System.nanoTime() - CACHE_NANOS;

  DynamicJoins(Batches batches, Jobs jobs, Clock clock) {
    this.batches = batches;
    this.jobs = jobs;
    this.clock = clock;
  }

  /**
   * Considers a device without an open job of {@code module} that reported {@code version}.
   *
   * @return the batch's id it joined, or null
   */
  public String consider(String productKey, String deviceName, String module, String version) {
    Instant now = clock.instant();
    for (Batch batch : joinable()) {
      BatchSpec spec = batch.spec();
      if (!spec.productKey().equals(productKey)
          || !spec.module().equals(module)
          || spec.scope().type() == ScopeType.GROUP
          || (spec.scope().type() == ScopeType.DEVICES
              && !spec.scope().deviceNames().contains(deviceName))
          || Exclusion.of(spec, deviceName, version) != null
          || (spec.endAt() != null && !now.isBefore(spec.endAt()))
          || jobs.ofBatchDevice(batch.id(), deviceName).isPresent()) {
        continue;
      }
      if (join(batch, deviceName, version, now)) {
        return batch.id();
      }
    }
    return null;
  }

  /**
   * Stores the device's job under the batch's next free number, and only then moves the batch's
   * planned count over it: the dispatcher, which starts jobs up to that count, never passes a
   * number whose job is not stored yet.
   */
  private boolean join(Batch batch, String deviceName, String version, Instant now) {
    BatchSpec spec = batch.spec();
    long seq = batches.find(batch.id()).map(b -> b.progress().planSeq()).orElse(0L);
    for (int attempt = 0; attempt < 100; attempt++, seq++) {
      Job job =
          Job.plan(
              batch.id(),
              seq,
              spec.productKey(),
              deviceName,
              spec.module(),
              spec.pkg().packageId(),
              spec.pkg().targetVersion(),
              version,
              spec.mode() == NotificationMode.PULL,
              now);
      if (jobs.insertPlanned(List.of(job)).stored() == 1) {
        batches.planned(batch.id(), seq + 1, 1, Map.of(), false, now);
        return true;
      }
      if (jobs.find(job.id()).isEmpty()) {
        return false; // refused for the device's module: another job took it meanwhile
      }
      // another device joined under this number first: try the next
    }
    return false;
  }

  private List<Batch> joinable() {
    if (System.nanoTime() - readAt >= CACHE_NANOS) {
      joinable =
          batches.joinable().stream()
              .filter(b -> b.state() == BatchState.RUNNING || b.state() == BatchState.PAUSED)
              .toList();
      readAt = System.nanoTime();
    }
    return joinable;
  }
}
