package io.upgradehub.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTests {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private final RetrySchedule schedule =
      new RetrySchedule(
          List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5)),
          0,
          Duration.ofHours(1));

  @Test
  void followsTheDelaysAndEndsAfterTheLastAttempt() {
    assertThat(schedule.next(1, NOW, null)).isEqualTo(NOW.plusSeconds(5));
    assertThat(schedule.next(2, NOW, null)).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(schedule.next(3, NOW, null)).isNull();
  }

  @Test
  void waitsLongerWhenTheReceiverAsksInSecondsOrAsADateButNeverBeyondTheCap() {
    assertThat(schedule.next(1, NOW, "120")).isEqualTo(NOW.plusSeconds(120));
    assertThat(schedule.next(1, NOW, "Fri, 27 Nov 2026 10:10:00 GMT"))
        .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    assertThat(schedule.next(1, NOW, "86400")).isEqualTo(NOW.plus(Duration.ofHours(1)));
  }

  @Test
  void ignoresARetryAfterShorterThanTheScheduleOrUnreadable() {
    assertThat(schedule.next(2, NOW, "1")).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(schedule.next(1, NOW, "soon")).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void spreadsEachDelayWithinTheJitter() {
    RetrySchedule jittered =
        new RetrySchedule(
            List.of(Duration.ZERO, Duration.ofSeconds(100)), 0.2, Duration.ofHours(1));
    for (int i = 0; i < 200; i++) {
      assertThat(jittered.next(1, NOW, null)).isBetween(NOW.plusSeconds(80), NOW.plusSeconds(120));
    }
  }
}
