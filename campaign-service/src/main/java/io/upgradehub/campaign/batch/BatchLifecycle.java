package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.packages.KnownPackages;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.batches.VerificationStatus;
import io.upgradehub.events.jobs.JobState;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiPredicate;
import org.springframework.stereotype.Service;

/**
 * Changes a batch's state, whoever asks (an operator, the scheduler, the abort rule), and what
 * follows for its package: a verification that ends sets the package {@code VERIFIED} or {@code
 * VERIFY_FAILED}. A change that lost a race with another is decided again on what is stored.
 */
@Service
public class BatchLifecycle {

  private final Batches batches;
  private final KnownPackages packages;
  private final Clock clock;

  BatchLifecycle(Batches batches, KnownPackages packages, Clock clock) {
    this.batches = batches;
    this.packages = packages;
    this.clock = clock;
  }

  /** {@code SCHEDULED → RUNNING} once due; false when it was not. */
  public boolean start(Batch batch) {
    return change(batch, (b, now) -> b.start(now));
  }

  /** {@code RUNNING → PAUSED}; false when the batch was not running. */
  public boolean pause(Batch batch, String why) {
    return change(batch, (b, now) -> b.pause(why, now));
  }

  /**
   * {@code RUNNING → PAUSED} because the batch's abort rule was crossed; false when not running.
   */
  public boolean pauseForAbortRule(Batch batch, String why) {
    return change(batch, (b, now) -> b.pause(why, true, now));
  }

  /** {@code PAUSED → RUNNING}; false when the batch was not paused. */
  public boolean resume(Batch batch) {
    return change(batch, (b, now) -> b.resume(now));
  }

  /**
   * Ends the batch {@code CANCELED}; its open jobs are canceled by the scheduler. A canceled
   * verification leaves its package {@code VERIFY_FAILED}.
   *
   * @return false when the batch had already ended
   */
  public boolean cancel(Batch batch, String why) {
    boolean canceled = change(batch, (b, now) -> b.cancel(why, now));
    if (canceled && batch.spec().kind() == BatchKind.VERIFY) {
      packages.changeVerification(
          batch.spec().pkg().packageId(),
          VerificationStatus.VERIFYING,
          VerificationStatus.VERIFY_FAILED,
          batch.id(),
          clock.instant());
    }
    return canceled;
  }

  /**
   * Ends a batch whose every job ended {@code COMPLETED}; a verification then leaves its package
   * {@code VERIFIED} when every job succeeded, {@code VERIFY_FAILED} otherwise.
   */
  public boolean complete(Batch batch, Map<JobState, Long> counts) {
    boolean completed = change(batch, (b, now) -> b.complete(counts, now));
    if (completed && batch.spec().kind() == BatchKind.VERIFY) {
      packages.changeVerification(
          batch.spec().pkg().packageId(),
          VerificationStatus.VERIFYING,
          batch.verified(counts) ? VerificationStatus.VERIFIED : VerificationStatus.VERIFY_FAILED,
          batch.id(),
          clock.instant());
    }
    return completed;
  }

  private boolean change(Batch batch, BiPredicate<Batch, Instant> transition) {
    Batch current = batch;
    for (int attempt = 0; attempt < 5; attempt++) {
      BatchState before = current.state();
      if (!transition.test(current, clock.instant())) {
        return false;
      }
      if (batches.changeState(current, before, clock.instant())) {
        return true;
      }
      current = batches.find(batch.id()).orElseThrow();
    }
    throw new IllegalStateException("batch " + batch.id() + " keeps changing; try again");
  }
}
