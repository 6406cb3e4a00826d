package io.upgradehub.campaign.tracking;

import io.upgradehub.campaign.batch.Batch;
import io.upgradehub.campaign.batch.BatchSpec;
import io.upgradehub.campaign.batch.Batches;
import io.upgradehub.campaign.batch.JobWrites;
import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.campaign.job.Moves;
import io.upgradehub.campaign.system.ErrorCode;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.devices.UpgradeCommand;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.problems.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The use cases of single jobs: lists, a device's jobs, canceling one, the device's pull. */
@Service
class JobManagement {

  private final Jobs jobs;
  private final Batches batches;
  private final JobWrites writes;
  private final Clock clock;

  JobManagement(Jobs jobs, Batches batches, JobWrites writes, Clock clock) {
    this.jobs = jobs;
    this.batches = batches;
    this.writes = writes;
    this.clock = clock;
  }

  List<Job> ofBatch(
      String batchId, @Nullable JobState state, @Nullable String deviceName, int page, int size) {
    batch(batchId);
    return jobs.page(batchId, state, deviceName, page, size);
  }

  long countOfBatch(String batchId, @Nullable JobState state, @Nullable String deviceName) {
    return jobs.count(batchId, state, deviceName);
  }

  List<Job> ofDevice(String productKey, String deviceName, int page, int size) {
    return jobs.ofDevice(productKey, deviceName, page, size);
  }

  long countOfDevice(String productKey, String deviceName) {
    return jobs.countOfDevice(productKey, deviceName);
  }

  /** Cancels one device's job in a batch; the device is told when it was sent the job. */
  Job cancel(String batchId, String deviceName) {
    batch(batchId);
    for (int attempt = 0; attempt < 5; attempt++) {
      Job job = jobs.ofBatchDevice(batchId, deviceName).orElse(null);
      if (job == null) {
        throw new ApiException(
            ErrorCode.JOB_NOT_FOUND, "Batch " + batchId + " has no job for device " + deviceName);
      }
      JobState before = job.state();
      boolean open = job.isOpen();
      if (!open) {
        throw new ApiException(
            ErrorCode.JOB_STATE_CONFLICT, "The job already ended " + job.state());
      }
      Moves moves = new Moves();
      moves.add(job, before, job.cancel("canceled by an operator", clock.instant()));
      Set<String> saved = writes.save(moves);
      if (!saved.isEmpty()) {
        return job;
      }
    }
    throw new ApiException(ErrorCode.JOB_STATE_CONFLICT, "The job keeps changing; try again");
  }

  /**
   * Answers a device's HTTP pull: the command of its module's open job when the device may take it
   * now (a running attempt again, or a released {@code PULL} job that starts now); empty otherwise.
   */
  Optional<UpgradeCommand> openJob(
      String productKey, String deviceName, String module, String version) {
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<Job> found = jobs.findOpen(productKey, deviceName, module);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      Job job = found.get();
      Optional<Batch> batch = batches.find(job.batchId());
      if (batch.isEmpty() || version.equals(job.targetVersion())) {
        return Optional.empty();
      }
      BatchSpec spec = batch.get().spec();
      Instant now = clock.instant();
      if (job.isRunning()) {
        return Optional.of(job.command(spec.pkg(), now));
      }
      if (job.state() != JobState.QUEUED
          || !job.released()
          || batch.get().state() != BatchState.RUNNING) {
        return Optional.empty();
      }
      JobState before = job.state();
      JobState after = job.start(spec.pkg(), spec::fits, spec.policy(), false, now);
      Moves moves = new Moves();
      moves.add(job, before, after);
      Set<String> saved = writes.save(moves);
      if (!saved.isEmpty()) {
        return job.isRunning() ? Optional.of(job.command(spec.pkg(), now)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Batch batch(String batchId) {
    return batches
        .find(batchId)
        .orElseThrow(() -> new ApiException(ErrorCode.BATCH_NOT_FOUND, "No batch " + batchId));
  }
}
