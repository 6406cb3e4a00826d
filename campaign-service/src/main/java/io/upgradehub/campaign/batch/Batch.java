package io.upgradehub.campaign.batch;

import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.batches.BatchStateChanged;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.outbox.PendingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A verification or batch upgrade of one package, and its life: {@code SCHEDULED → RUNNING ⇄ PAUSED
 * → COMPLETED}, or {@code CANCELED}. Each change checks the state and raises the event published
 * with it. Counts of its jobs, its planning and its dispatch cursor move separately (see {@link
 * Batches}), so that they never race with these changes.
 */
public final class Batch {

  private final String id;
  private final BatchSpec spec;
  private final Instant createdAt;
  private BatchState state;
  private @Nullable Instant startedAt;
  private @Nullable Instant finishedAt;
  private @Nullable String reason;
  private final Progress progress;
  private final List<PendingEvent> events = new ArrayList<>();

  /**
   * What moves while a batch runs.
   *
   * @param planned jobs created so far
   * @param planningDone whether every device was considered
   * @param excluded devices not taken, by reason
   * @param nextSeq the next job (by number) the dispatcher starts
   * @param rateTime the rate limiter's theoretical arrival time of the next start
   * @param counts jobs per state
   * @param planSeq the number the next planned job gets (jobs refused for a busy device leave gaps)
   */
  public record Progress(
      long planned,
      boolean planningDone,
      Map<String, Long> excluded,
      long nextSeq,
      @Nullable Instant rateTime,
      Map<JobState, Long> counts,
      long planSeq) {

    public static Progress none() {
      return new Progress(0, false, Map.of(), 0, null, Map.of(), 0);
    }

    public long count(JobState state) {
      return counts.getOrDefault(state, 0L);
    }
  }

  Batch(
      String id,
      BatchSpec spec,
      Instant createdAt,
      BatchState state,
      @Nullable Instant startedAt,
      @Nullable Instant finishedAt,
      @Nullable String reason,
      Progress progress) {
    this.id = id;
    this.spec = spec;
    this.createdAt = createdAt;
    this.state = state;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.reason = reason;
    this.progress = progress;
  }

  /** A new batch: {@code RUNNING} when it starts now, {@code SCHEDULED} for later. */
  static Batch create(String id, BatchSpec spec, Instant now) {
    boolean later = spec.startAt() != null && spec.startAt().isAfter(now);
    Batch batch =
        new Batch(
            id,
            spec,
            now,
            later ? BatchState.SCHEDULED : BatchState.RUNNING,
            later ? null : now,
            null,
            null,
            Progress.none());
    batch.raise(now);
    return batch;
  }

  /** {@code SCHEDULED → RUNNING} once the start time came; false when not due or not scheduled. */
  boolean start(Instant now) {
    if (state != BatchState.SCHEDULED || (spec.startAt() != null && spec.startAt().isAfter(now))) {
      return false;
    }
    startedAt = now;
    enter(BatchState.RUNNING, null, now);
    return true;
  }

  /** {@code RUNNING → PAUSED}; no device starts until it resumes. */
  boolean pause(String why, Instant now) {
    return pause(why, false, now);
  }

  /**
   * {@code RUNNING → PAUSED}, the event saying whether the abort rule did it.
   *
   * @param abortRule true when the batch's abort rule was crossed, false for an operator
   */
  boolean pause(String why, boolean abortRule, Instant now) {
    if (state != BatchState.RUNNING) {
      return false;
    }
    BatchState before = state;
    state = BatchState.PAUSED;
    reason = why;
    raise(now, progress.counts(), before, abortRule);
    return true;
  }

  /** {@code PAUSED → RUNNING}. */
  boolean resume(Instant now) {
    if (state != BatchState.PAUSED) {
      return false;
    }
    if (startedAt == null) {
      startedAt = now;
    }
    enter(BatchState.RUNNING, null, now);
    return true;
  }

  /** Ends the batch {@code CANCELED} from any state before the end. */
  boolean cancel(String why, Instant now) {
    if (state.isFinal()) {
      return false;
    }
    finishedAt = now;
    enter(BatchState.CANCELED, why, now);
    return true;
  }

  /** Ends a batch whose every job ended {@code COMPLETED}. */
  boolean complete(Map<JobState, Long> counts, Instant now) {
    if (state.isFinal()) {
      return false;
    }
    finishedAt = now;
    enter(BatchState.COMPLETED, null, now, counts);
    return true;
  }

  /** Whether every job of a verification succeeded. */
  public boolean verified(Map<JobState, Long> counts) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    return total > 0 && counts.getOrDefault(JobState.SUCCEEDED, 0L) == total;
  }

  private void enter(BatchState next, @Nullable String why, Instant now) {
    enter(next, why, now, progress.counts());
  }

  private void enter(
      BatchState next, @Nullable String why, Instant now, Map<JobState, Long> counts) {
    BatchState before = state;
    state = next;
    reason = why;
    raise(now, counts, before, false);
  }

  private void raise(Instant now) {
    raise(now, Map.of(), null, false);
  }

  private void raise(
      Instant now, Map<JobState, Long> counts, @Nullable BatchState before, boolean abortRule) {
    Map<String, Long> jobs = new LinkedHashMap<>();
    for (JobState s : JobState.values()) {
      long n = counts.getOrDefault(s, 0L);
      if (n > 0) {
        jobs.put(s.name(), n);
      }
    }
    events.add(
        new PendingEvent(
            BatchStateChanged.TYPE,
            BatchStateChanged.VERSION,
            new BatchStateChanged(
                id,
                spec.kind().name(),
                spec.pkg().packageId(),
                spec.productKey(),
                spec.module(),
                spec.pkg().targetVersion(),
                state,
                jobs,
                reason,
                now,
                before,
                abortRule)));
  }

  public String id() {
    return id;
  }

  public BatchSpec spec() {
    return spec;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public BatchState state() {
    return state;
  }

  public @Nullable Instant startedAt() {
    return startedAt;
  }

  public @Nullable Instant finishedAt() {
    return finishedAt;
  }

  public @Nullable String reason() {
    return reason;
  }

  public Progress progress() {
    return progress;
  }

  List<PendingEvent> events() {
    return List.copyOf(events);
  }
}
