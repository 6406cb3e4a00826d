package io.upgradehub.campaign.batch;

/**
 * When a batch stops starting devices: once at least {@code minFinished} of its jobs ended and at
 * least {@code failurePercent} percent of those ended failed or timed out, it pauses.
 *
 * @param failurePercent 1–100
 * @param minFinished 1 or more
 */
public record AbortRule(int failurePercent, long minFinished) {

  /** Whether the rule is crossed by these counts of ended attempts. */
  public boolean crossedBy(long finished, long failed) {
    return finished >= minFinished && failed * 100 >= (long) failurePercent * finished;
  }
}
