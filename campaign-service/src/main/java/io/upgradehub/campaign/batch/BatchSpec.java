package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.job.JobPackage;
import io.upgradehub.campaign.job.RetryPolicy;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a batch does, checked: which package, from which versions, to which devices, when, how fast,
 * and what to do about failures.
 *
 * @param fromVersions the versions of the module the batch upgrades from, never empty
 * @param startAt when the first device may start; null for now
 * @param endAt after this no device starts; null for no end
 * @param ratePerMinute devices started per minute at most
 * @param abort when the batch pauses by itself; null for never
 */
public record BatchSpec(
    BatchKind kind,
    JobPackage pkg,
    String packageName,
    String productKey,
    String module,
    List<String> fromVersions,
    Strategy strategy,
    Scope scope,
    @Nullable Instant startAt,
    @Nullable Instant endAt,
    int ratePerMinute,
    RetryPolicy policy,
    NotificationMode mode,
    @Nullable AbortRule abort) {

  public BatchSpec {
    fromVersions = List.copyOf(fromVersions);
  }

  /** Whether a device running {@code version} is one this batch upgrades. */
  public boolean fits(@Nullable String version) {
    return version != null && fromVersions.contains(version);
  }
}
