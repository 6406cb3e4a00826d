package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.BatchRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/transfers}; every field is checked by {@link TransferRequests}.
 *
 * @param source required: the account or platform the devices come from, 1-128 characters
 * @param productKey required: a product of this platform
 * @param module the module to upgrade; {@code default} when absent
 * @param startVersion required: the version of the module the devices run on arrival
 * @param targetVersion required, not the start version
 * @param deviceNames required: 1-1,000,000 distinct device names
 * @param upgrade optional: how the accepted devices are upgraded, as for a batch
 */
public record TransferRequest(
    @Nullable String source,
    @Nullable String productKey,
    @Nullable String module,
    @Nullable String startVersion,
    @Nullable String targetVersion,
    @Nullable List<@Nullable String> deviceNames,
    @Nullable Upgrade upgrade) {

  /**
   * The upgrade settings of a transfer, with a batch's ranges and defaults.
   *
   * @param ratePerMinute devices started per minute, 1–1,000,000, default 1000
   * @param retry optional: no retry
   * @param timeoutMinutes 1–1440, default 60
   * @param mode {@code PUSH} (default) or {@code PULL}
   * @param abort optional: never pause by itself
   */
  public record Upgrade(
      @Nullable Integer ratePerMinute,
      BatchRequest.@Nullable RetryRequest retry,
      @Nullable Integer timeoutMinutes,
      @Nullable String mode,
      BatchRequest.@Nullable AbortRequest abort) {}
}
