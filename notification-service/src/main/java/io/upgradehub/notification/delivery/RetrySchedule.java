package io.upgradehub.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * When the next attempt of a record is due: the configured delays with jitter, postponed by a
 * receiver's {@code Retry-After} (seconds or an HTTP date), never beyond the configured cap.
 */
final class RetrySchedule {

  private final List<Duration> delays;
  private final double jitter;
  private final Duration maxRetryAfter;

  RetrySchedule(List<Duration> delays, double jitter, Duration maxRetryAfter) {
    this.delays = List.copyOf(delays);
    this.jitter = jitter;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** How many attempts a record gets. */
  int attempts() {
    return delays.size();
  }

  /**
   * When the attempt after {@code made} failed ones is due, or null when they were all.
   *
   * @param retryAfter the receiver's {@code Retry-After} header; null when it sent none
   */
  @Nullable Instant next(int made, Instant now, @Nullable String retryAfter) {
    if (made >= delays.size()) {
      return null;
    }
    long millis = delays.get(made).toMillis();
    if (millis > 0 && jitter > 0) {
      double spread = ThreadLocalRandom.current().nextDouble(-jitter, jitter);
      millis = Math.max(0, Math.round(millis * (1 + spread)));
    }
    Instant scheduled = now.plusMillis(millis);
    Instant asked = retryAfter(retryAfter, now);
    return asked != null && asked.isAfter(scheduled) ? asked : scheduled;
  }

  private @Nullable Instant retryAfter(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Instant asked;
    try {
      asked = now.plusSeconds(Long.parseLong(header.strip()));
    } catch (NumberFormatException notSeconds) {
      try {
        asked =
            ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
    Instant cap = now.plus(maxRetryAfter);
    return asked.isAfter(cap) ? cap : asked;
  }
}
