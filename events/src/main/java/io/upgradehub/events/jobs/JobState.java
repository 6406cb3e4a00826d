package io.upgradehub.events.jobs;

/**
 * The states of a device upgrade job: {@code QUEUED → NOTIFIED → DOWNLOADING → UPGRADING →
 * SUCCEEDED}, and from any non-final state {@code FAILED}, {@code TIMED_OUT} or {@code CANCELED}. A
 * failed or timed-out job that its batch retries goes back to {@code QUEUED} as its next attempt.
 */
public enum JobState {
  QUEUED,
  NOTIFIED,
  DOWNLOADING,
  UPGRADING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  CANCELED;

  /**
   * Whether the state ends an attempt: {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or
   * {@code CANCELED}. A retry starts a new attempt of the same job.
   */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == CANCELED;
  }
}
