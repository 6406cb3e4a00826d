package io.upgradehub.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock the tests move by hand, so that rates, timeouts and retries are measured, not slept. */
public final class MutableClock extends Clock {

  private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  public void advance(Duration by) {
    now = now.plus(by);
  }

  /** Catches up with the wall clock (a test that moved it ahead leaves it there otherwise). */
  public void reset() {
    Instant wall = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (wall.isAfter(now)) {
      now = wall;
    }
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
