package io.upgradehub.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the sweep is told to claim: each notification once, when its records are due. */
class WaitingTests {

  private final Waiting waiting = new Waiting();
  private final Instant now = Instant.parse("2026-11-27T06:00:00Z");

  @Test
  void givesEachNotificationOnceWhenItsRecordsAreDue() {
    waiting.now("full-lane");
    waiting.now("full-lane");
    waiting.from("retry", now.plusSeconds(5));
    waiting.from("retry", now.plusSeconds(300));

    assertThat(waiting.take(now)).containsExactly("full-lane");
    assertThat(waiting.take(now.plusSeconds(4))).isEmpty();
    assertThat(waiting.take(now.plusSeconds(5))).containsExactly("retry");
    assertThat(waiting.take(now.plusSeconds(299))).isEmpty();
    assertThat(waiting.take(now.plusSeconds(301))).containsExactly("retry");
    assertThat(waiting.take(now.plusSeconds(400))).isEmpty();
  }
}
