package io.upgradehub.campaign.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTests {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  /** Starts the rate grants when asked every {@code step} for {@code span}, as start times. */
  private static List<Instant> starts(RateLimit rate, Duration step, Duration span) {
    List<Instant> starts = new ArrayList<>();
    Instant next = null;
    for (Instant now = T0; now.isBefore(T0.plus(span)); now = now.plus(step)) {
      RateLimit.Grant grant = rate.grant(next, now, 10_000);
      for (long i = 0; i < grant.count(); i++) {
        starts.add(now);
      }
      next = grant.next();
    }
    return starts;
  }

  private static long maxInAnyMinute(List<Instant> starts) {
    long max = 0;
    for (int i = 0; i < starts.size(); i++) {
      Instant end = starts.get(i).plus(Duration.ofMinutes(1));
      int j = i;
      while (j < starts.size() && starts.get(j).isBefore(end)) {
        j++;
      }
      max = Math.max(max, j - i);
    }
    return max;
  }

  @Test
  void sixtyPerMinuteNeverStartsMoreThanSixtyInAnyMinute() {
    RateLimit rate = RateLimit.of(60, Duration.ofMillis(100));

    List<Instant> starts = starts(rate, Duration.ofMillis(100), Duration.ofMinutes(5));

    assertThat(maxInAnyMinute(starts)).isLessThanOrEqualTo(60);
    assertThat(starts).hasSizeGreaterThanOrEqualTo(5 * 60 - 1);
  }

  @Test
  void aPauseIsNotMadeUpInABurst() {
    RateLimit rate = RateLimit.of(60, Duration.ofMillis(100));
    RateLimit.Grant first = rate.grant(null, T0, 100);

    RateLimit.Grant afterTenMinutes =
        rate.grant(first.next(), T0.plus(Duration.ofMinutes(10)), 100);

    assertThat(first.count()).isEqualTo(1);
    assertThat(afterTenMinutes.count()).isEqualTo(1);
  }

  @Test
  void aHighRateIsReachedWithTicksLongerThanItsSpacing() {
    RateLimit rate = RateLimit.of(120_000, Duration.ofMillis(100));

    List<Instant> starts = starts(rate, Duration.ofMillis(100), Duration.ofSeconds(10));

    // 2,000 a second, granted a tick's worth at a time
    assertThat(starts.size()).isBetween(19_000, 20_200);
  }
}
