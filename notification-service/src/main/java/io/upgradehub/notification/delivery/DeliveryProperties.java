package io.upgradehub.notification.delivery;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook messages are delivered (key {@code upgradehub.notifications.delivery}).
 *
 * @param retrySchedule the delay before each attempt after the one before failed; its length is the
 *     number of attempts; the first is normally {@code 0s}
 * @param jitter each delay is spread by up to this share either way, 0–1
 * @param maxRetryAfter the longest a receiver's {@code Retry-After} may postpone the next attempt
 * @param requestTimeout one attempt, connecting to reading the answer; at most 15 s
 * @param maxInFlightPerEndpoint attempts under way per notification
 * @param queuePerEndpoint records waiting in memory per notification; more wait in the store
 * @param sweepInterval how often due attempts are claimed, of the notifications this instance knows
 *     to have some ({@link Waiting})
 * @param fullSweepInterval how often the whole store is read for attempts that this instance does
 *     not know of: left by another instance that stopped, or by this one before a restart
 * @param lease an attempt claimed this long ago without an outcome is taken again
 * @param sweepEnabled false only in tests that sweep by hand
 */
@ConfigurationProperties("upgradehub.notifications.delivery")
record DeliveryProperties(
    @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retrySchedule,
    @DefaultValue("0.2") double jitter,
    @DefaultValue("10h") Duration maxRetryAfter,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("16") int maxInFlightPerEndpoint,
    @DefaultValue("2000") int queuePerEndpoint,
    @DefaultValue("1s") Duration sweepInterval,
    @DefaultValue("1m") Duration fullSweepInterval,
    @DefaultValue("60s") Duration lease,
    @DefaultValue("true") boolean sweepEnabled) {

  static final Duration MAX_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  DeliveryProperties {
    if (retrySchedule.isEmpty()) {
      throw new IllegalArgumentException("retry-schedule needs at least one attempt");
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
    if (requestTimeout.isZero()
        || requestTimeout.isNegative()
        || requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
      throw new IllegalArgumentException("request-timeout must be above 0 and at most 15s");
    }
    if (maxInFlightPerEndpoint < 1 || queuePerEndpoint < 1) {
      throw new IllegalArgumentException("max-in-flight and queue per endpoint must be at least 1");
    }
    if (fullSweepInterval.compareTo(sweepInterval) < 0) {
      throw new IllegalArgumentException("full-sweep-interval must be at least sweep-interval");
    }
    if (lease.compareTo(requestTimeout.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("lease must be at least twice the request-timeout");
    }
  }
}
