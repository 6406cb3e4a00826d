package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.UpgradeSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A transfer as the API shows it.
 *
 * @param devices how many devices came with it
 * @param counts its devices by state, every state present
 */
record TransferResponse(
    String id,
    String source,
    String productKey,
    String productName,
    String module,
    String startVersion,
    String targetVersion,
    String packageId,
    String packageName,
    Upgrade upgrade,
    TransferStatus status,
    long devices,
    Map<TransferDeviceState, Long> counts,
    List<Decision> decisions,
    Instant createdAt,
    String createdBy,
    Instant updatedAt) {

  /** How the accepted devices are upgraded, in the request's terms. */
  record Upgrade(
      int ratePerMinute, Retry retry, long timeoutMinutes, String mode, @Nullable Abort abort) {}

  record Retry(int count, long intervalSeconds) {}

  record Abort(int failurePercent, long minFinished) {}

  static TransferResponse of(Transfer t) {
    UpgradeSettings s = t.settings();
    return new TransferResponse(
        t.id(),
        t.source(),
        t.productKey(),
        t.productName(),
        t.module(),
        t.startVersion(),
        t.targetVersion(),
        t.packageId(),
        t.packageName(),
        new Upgrade(
            s.ratePerMinute(),
            new Retry(s.policy().retries(), s.policy().interval().toSeconds()),
            s.policy().timeout().toMinutes(),
            s.mode().name(),
            s.abort() == null
                ? null
                : new Abort(s.abort().failurePercent(), s.abort().minFinished())),
        t.status(),
        t.devices(),
        t.counts(),
        t.decisions(),
        t.createdAt(),
        t.createdBy(),
        t.updatedAt());
  }
}
