package io.upgradehub.campaign.tracking;

import io.upgradehub.campaign.batch.Batch;
import io.upgradehub.campaign.batch.BatchSpec;
import io.upgradehub.campaign.batch.Batches;
import io.upgradehub.campaign.batch.DynamicJoins;
import io.upgradehub.campaign.batch.JobWrites;
import io.upgradehub.campaign.batch.NotificationMode;
import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.campaign.job.Moves;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.jobs.JobState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Applies what devices reported to their jobs, a poll of reports at a time: one read of the poll's
 * jobs, each job's reports applied in order in memory (transitions never go backwards, so a repeat
 * or a late report changes nothing), one bulk write of the changed jobs with their events, and the
 * batches' counts moved by what was stored. A job another writer changed meanwhile is read again
 * and its reports applied again.
 */
@Service
class JobTracking {

  private static final int ATTEMPTS = 5;

  private final Jobs jobs;
  private final Batches batches;
  private final DynamicJoins joins;
  private final JobWrites writes;
  private final Clock clock;

  JobTracking(Jobs jobs, Batches batches, DynamicJoins joins, JobWrites writes, Clock clock) {
    this.jobs = jobs;
    this.batches = batches;
    this.joins = joins;
    this.writes = writes;
    this.clock = clock;
  }

  /** Applies a poll's reports, in order; returns how many jobs changed. */
  long apply(List<DeviceReport> reports) {
    List<DeviceReport> pending = reports;
    long changed = 0;
    Map<String, Optional<Batch>> batchCache = new HashMap<>();
    for (int attempt = 0; attempt < ATTEMPTS && !pending.isEmpty(); attempt++) {
      Round round = new Round(pending, batchCache);
      changed += round.run();
      pending = round.lost;
    }
    if (!pending.isEmpty()) {
      throw new IllegalStateException(
          pending.size() + " report(s) kept losing races; redelivering");
    }
    return changed;
  }

  /** One read-apply-write of a set of reports. */
  private final class Round {

    private final List<DeviceReport> reports;
    private final Map<String, Optional<Batch>> batchCache;
    private List<DeviceReport> lost = List.of();

    Round(List<DeviceReport> reports, Map<String, Optional<Batch>> batchCache) {
      this.reports = reports;
      this.batchCache = batchCache;
    }

    long run() {
      Set<String> slots = new HashSet<>();
      Set<String> ids = new HashSet<>();
      for (DeviceReport report : reports) {
        if (report.jobId() != null) {
          ids.add(report.jobId());
        } else {
          slots.add(report.slot());
        }
      }
      Map<String, String> bySlot = jobs.held(slots);
      ids.addAll(bySlot.values());
      Map<String, Job> found = jobs.findAll(ids);
      Map<String, JobState> before = new LinkedHashMap<>();
      found.values().forEach(j -> before.put(j.id(), j.state()));
      Map<String, List<DeviceReport>> applied = new LinkedHashMap<>();
      Instant now = clock.instant();
      Map<String, DeviceReport> unheld = new LinkedHashMap<>();
      for (DeviceReport report : reports) {
        String id = report.jobId() != null ? report.jobId() : bySlot.get(report.slot());
        if (id == null && report.kind() == DeviceReport.Kind.VERSION) {
          unheld.put(report.slot(), report); // the last version of the poll counts
        }
        Job job = id == null ? null : found.get(id);
        if (job == null
            || !job.productKey().equals(report.productKey())
            || !job.deviceName().equals(report.deviceName())) {
          continue; // not a job of this service, or one that ended
        }
        Optional<Batch> batch = batchCache.computeIfAbsent(job.batchId(), b -> batches.find(b));
        if (batch.isEmpty()) {
          continue;
        }
        apply(report, job, batch.get(), now);
        applied.computeIfAbsent(job.id(), k -> new ArrayList<>()).add(report);
      }
      unheld
          .values()
          .forEach(r -> joins.consider(r.productKey(), r.deviceName(), r.module(), r.version()));
      Moves moves = new Moves();
      for (String id : applied.keySet()) {
        Job job = found.get(id);
        if (job.changed()) {
          moves.add(job, before.get(id), job.state());
        }
      }
      if (moves.isEmpty()) {
        return 0;
      }
      Set<String> saved = writes.save(moves);
      List<DeviceReport> again = new ArrayList<>();
      for (Job job : moves.jobs()) {
        if (!saved.contains(job.id())) {
          again.addAll(applied.get(job.id()));
        }
      }
      lost = again;
      return saved.size();
    }

    private void apply(DeviceReport report, Job job, Batch batch, Instant now) {
      BatchSpec spec = batch.spec();
      switch (report.kind()) {
        case PROGRESS -> job.progress(report.step(), report.reportedAt(), now);
        case FAILURE ->
            job.fail(
                report.failureCode(),
                report.description(),
                report.reportedAt(),
                spec.policy(),
                now);
        case COMMAND_FAILED ->
            job.fail(null, report.description(), report.reportedAt(), spec.policy(), now);
        case VERSION -> {
          if (!report.version().equals(job.currentVersion())
              || report.version().equals(job.targetVersion())) {
            job.versionReported(report.version(), now);
          }
        }
        case REQUEST -> {
          if (job.isRunning()) {
            job.remind(spec.pkg(), now);
          } else if (spec.mode() == NotificationMode.PULL
              && job.state() == JobState.QUEUED
              && job.released()
              && batch.state() == BatchState.RUNNING) {
            job.start(spec.pkg(), spec::fits, spec.policy(), true, now);
          }
        }
      }
    }
  }
}
