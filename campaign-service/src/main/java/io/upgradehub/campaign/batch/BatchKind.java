package io.upgradehub.campaign.batch;

/** What a batch is for. */
public enum BatchKind {
  /** A verification: a few chosen devices, which must all succeed before batch upgrades. */
  VERIFY,
  /** A batch upgrade. */
  BATCH
}
