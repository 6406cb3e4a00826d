package io.upgradehub.campaign.batch;

/** What a batch is for. */
public enum BatchKind {
  /** A verification: a few chosen devices, which must all succeed before batch upgrades. */
  VERIFY,
  /** A batch upgrade. */
  BATCH,
  /**
   * The upgrade of a transferred-in batch's accepted devices; its id is the transfer's, and its
   * devices come from the transfer as they are accepted ({@link TransferScope}).
   */
  TRANSFER
}
