package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.job.Job;

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
  REJECTED,
  /** Accepted, its upgrade canceled before it ended (the transfer, or its job, was canceled). */
  CANCELED;

  /** Whether the device was accepted. */
  boolean accepted() {
    return this != AWAITING_REVIEW && this != REJECTED;
  }

  /** Whether the device follows its job: accepted, and its upgrade not ended. */
  boolean movable() {
    return this == PENDING || this == UPGRADING;
  }

  /** Whether the device's upgrade ended: it was accepted and nothing more happens to it. */
  boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  /**
   * Whether the device's transfer is still open for it: it holds the device, so that no other
   * transfer takes it meanwhile.
   */
  boolean holds() {
    return this == AWAITING_REVIEW || this == PENDING || this == UPGRADING;
  }

  /**
   * Where a device stands whose job is {@code job}: {@code PENDING} until its first attempt starts,
   * {@code UPGRADING} while an attempt runs or a retry is due, then as the job ended.
   */
  static TransferDeviceState of(Job job) {
    return switch (job.state()) {
      case QUEUED -> job.attempt() > 1 ? UPGRADING : PENDING;
      case NOTIFIED, DOWNLOADING, UPGRADING -> UPGRADING;
      case SUCCEEDED -> SUCCEEDED;
      case FAILED, TIMED_OUT -> job.retryPending() ? UPGRADING : FAILED;
      case CANCELED -> CANCELED;
    };
  }
}
