package io.upgradehub.campaign.job;

import java.time.Duration;

/**
 * How a batch treats a job that failed or timed out, and how long a device may take.
 *
 * @param retries how many more attempts a job gets after its first fails (0–5)
 * @param interval how long a failed attempt waits before the job is queued again
 * @param timeout how long a device has from the command to reporting the target version
 */
public record RetryPolicy(int retries, Duration interval, Duration timeout) {

  /** Whether a job whose attempt {@code attempt} just failed is queued again. */
  boolean retriesAfter(int attempt) {
    return attempt <= retries;
  }
}
