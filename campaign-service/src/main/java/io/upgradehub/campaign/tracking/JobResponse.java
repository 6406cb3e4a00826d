package io.upgradehub.campaign.tracking;

import io.upgradehub.campaign.job.Job;
import io.upgradehub.events.jobs.JobState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A device's job as the API shows it.
 *
 * @param retryPending whether a failed or timed-out attempt will be retried
 * @param due when the running attempt times out, or the retry is due; null otherwise
 */
record JobResponse(
    String jobId,
    String batchId,
    String productKey,
    String deviceName,
    String module,
    String packageId,
    @Nullable String fromVersion,
    String targetVersion,
    @Nullable String currentVersion,
    JobState state,
    int attempt,
    int step,
    boolean retryPending,
    @Nullable Integer failureCode,
    @Nullable String description,
    @Nullable Instant notifiedAt,
    @Nullable Instant due,
    Instant createdAt,
    Instant updatedAt) {

  static JobResponse of(Job j) {
    return new JobResponse(
        j.id(),
        j.batchId(),
        j.productKey(),
        j.deviceName(),
        j.module(),
        j.packageId(),
        j.fromVersion(),
        j.targetVersion(),
        j.currentVersion(),
        j.state(),
        j.attempt(),
        j.step(),
        j.retryPending(),
        j.failureCode(),
        j.description(),
        j.notifiedAt(),
        j.due(),
        j.createdAt(),
        j.updatedAt());
  }
}
