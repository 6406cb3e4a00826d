package io.upgradehub.campaign.transfer;

import java.util.Map;

/** Where a transfer stands, from its devices' states (spec §4). */
public enum TransferStatus {
  /** No device accepted yet, some await review. */
  AWAITING_REVIEW,
  /** Some devices accepted, and some of them still to be upgraded or awaiting review. */
  IN_PROGRESS,
  /** Every device decided, and every accepted one's upgrade ended. */
  COMPLETED,
  /** Every device rejected. */
  REJECTED,
  /** Canceled: nothing more happens to its devices. */
  CANCELED;

  /** The status that devices in these states give a transfer that was not canceled. */
  static TransferStatus of(Map<TransferDeviceState, Long> counts) {
    long awaiting = counts.getOrDefault(TransferDeviceState.AWAITING_REVIEW, 0L);
    long open =
        counts.getOrDefault(TransferDeviceState.PENDING, 0L)
            + counts.getOrDefault(TransferDeviceState.UPGRADING, 0L);
    long ended =
        counts.getOrDefault(TransferDeviceState.SUCCEEDED, 0L)
            + counts.getOrDefault(TransferDeviceState.FAILED, 0L)
            + counts.getOrDefault(TransferDeviceState.CANCELED, 0L);
    if (open + ended == 0) {
      return awaiting > 0 ? AWAITING_REVIEW : REJECTED;
    }
    return awaiting + open > 0 ? IN_PROGRESS : COMPLETED;
  }
}
