package io.upgradehub.events.batches;

/**
 * The states of a batch: {@code SCHEDULED} (waiting for its start time) → {@code RUNNING} ⇄ {@code
 * PAUSED} → {@code COMPLETED} (every job ended) or {@code CANCELED} (by an operator).
 */
public enum BatchState {
  SCHEDULED,
  RUNNING,
  PAUSED,
  COMPLETED,
  CANCELED;

  /** Whether the batch ended: {@code COMPLETED} or {@code CANCELED}. */
  public boolean isFinal() {
    return this == COMPLETED || this == CANCELED;
  }
}
