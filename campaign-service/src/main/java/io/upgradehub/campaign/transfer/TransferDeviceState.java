package io.upgradehub.campaign.transfer;

/** Where one transferred-in device stands (spec §4). */
public enum TransferDeviceState {
  /** Arrived, not yet accepted or rejected. */
  AWAITING_REVIEW,
  /** Accepted, its upgrade not yet started [待升级]. */
  PENDING,
  /** Accepted, its upgrade under way [升级中]. */
  UPGRADING,
  /** Runs the target version [升级成功]. */
  SUCCEEDED,
  /** Its upgrade failed for good [升级失败]. */
  FAILED,
  /** Rejected: never touched. */
  REJECTED;

  /** Whether the device was accepted. */
  boolean accepted() {
    return this == PENDING || this == UPGRADING || this == SUCCEEDED || this == FAILED;
  }

  /**
   * Whether the device's transfer is still open for it: it holds the device, so that no other
   * transfer takes it meanwhile.
   */
  boolean holds() {
    return this == AWAITING_REVIEW || this == PENDING || this == UPGRADING;
  }
}
