package io.upgradehub.campaign.batch;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/packages/{id}/batches} and of its preview; every field is checked
 * by {@link BatchRequests}.
 *
 * @param fromVersions required: the module versions to upgrade from
 * @param strategy {@code STATIC} (default) or {@code DYNAMIC}
 * @param scope required
 * @param schedule optional: start now, no end
 * @param ratePerMinute devices started per minute, 1–1,000,000, default 1000
 * @param retry optional: no retry
 * @param timeoutMinutes 1–1440, default 60
 * @param mode {@code PUSH} (default) or {@code PULL}
 * @param abort optional: never pause by itself
 */
public record BatchRequest(
    @Nullable List<String> fromVersions,
    @Nullable String strategy,
    @Nullable ScopeRequest scope,
    @Nullable ScheduleRequest schedule,
    @Nullable Integer ratePerMinute,
    @Nullable RetryRequest retry,
    @Nullable Integer timeoutMinutes,
    @Nullable String mode,
    @Nullable AbortRequest abort) {

  /**
   * @param type {@code ALL}, {@code DEVICES}, {@code GROUP} or {@code SHARE}
   * @param deviceNames for {@code DEVICES}: 1–10,000 names
   * @param tag for {@code GROUP}
   * @param percent for {@code SHARE}: 0.1–100, at most one decimal
   */
  public record ScopeRequest(
      @Nullable String type,
      @Nullable List<String> deviceNames,
      @Nullable String tag,
      @Nullable Double percent) {}

  /**
   * @param startAt ISO-8601 instant; absent or past for now
   * @param endAt ISO-8601 instant after which no device starts; after {@code startAt} and now
   */
  public record ScheduleRequest(@Nullable String startAt, @Nullable String endAt) {}

  /**
   * @param count retries after a failed or timed-out attempt, 0–5
   * @param intervalSeconds the wait before a retry, 10–86,400, default 300
   */
  public record RetryRequest(@Nullable Integer count, @Nullable Integer intervalSeconds) {}

  /**
   * @param failurePercent 1–100
   * @param minFinished ended jobs before the rule applies, at least 1
   */
  public record AbortRequest(@Nullable Integer failurePercent, @Nullable Long minFinished) {}
}
