package io.upgradehub.campaign.batch;

import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.jobs.JobState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A batch as the API shows it: what it does, where it stands, and its jobs per state. */
public record BatchResponse(
    String id,
    BatchKind kind,
    String packageId,
    String packageName,
    String productKey,
    String module,
    String targetVersion,
    List<String> fromVersions,
    Strategy strategy,
    ScopeResponse scope,
    @Nullable Instant startAt,
    @Nullable Instant endAt,
    int ratePerMinute,
    RetryResponse retry,
    long timeoutMinutes,
    NotificationMode mode,
    @Nullable AbortRule abort,
    BatchState state,
    @Nullable String reason,
    PlanningResponse planning,
    Map<JobState, Long> jobs,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt) {

  /** The scope as requested. */
  public record ScopeResponse(
      ScopeType type, @Nullable Integer devices, @Nullable String tag, @Nullable Double percent) {}

  /** The retry policy. */
  public record RetryResponse(int count, long intervalSeconds) {}

  /**
   * How far planning got.
   *
   * @param done whether every device of the scope was considered
   * @param jobs the jobs created
   * @param excluded the devices left out, by reason
   */
  public record PlanningResponse(boolean done, long jobs, Map<Exclusion, Long> excluded) {}

  static BatchResponse of(Batch b) {
    BatchSpec s = b.spec();
    Map<JobState, Long> jobs = new LinkedHashMap<>();
    for (JobState state : JobState.values()) {
      jobs.put(state, b.progress().count(state));
    }
    return new BatchResponse(
        b.id(),
        s.kind(),
        s.pkg().packageId(),
        s.packageName(),
        s.productKey(),
        s.module(),
        s.pkg().targetVersion(),
        s.fromVersions(),
        s.strategy(),
        new ScopeResponse(
            s.scope().type(),
            s.scope().type() == ScopeType.DEVICES ? s.scope().deviceNames().size() : null,
            s.scope().tag(),
            s.scope().percent()),
        s.startAt(),
        s.endAt(),
        s.ratePerMinute(),
        new RetryResponse(s.policy().retries(), s.policy().interval().toSeconds()),
        s.policy().timeout().toMinutes(),
        s.mode(),
        s.abort(),
        b.state(),
        b.reason(),
        new PlanningResponse(
            b.progress().planningDone(),
            b.progress().planned(),
            Planner.exclusions(b.progress().excluded())),
        jobs,
        b.createdAt(),
        b.startedAt(),
        b.finishedAt());
  }
}
