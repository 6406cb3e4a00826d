package io.upgradehub.campaign.dispatch;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The batch's rate as a generic cell rate algorithm: each start has a theoretical time, no start
 * happens before its own, and they are spaced {@code 60 s / rate} apart. The theoretical time of
 * the next start is kept with the batch (so a restart does not reset it), and it never lags the
 * clock by more than {@code slack}: a batch that was paused, or a dispatcher that was stopped, does
 * not make up for lost time in a burst.
 *
 * <p>With no slack, no more than {@code rate} devices start in any minute; each start may then be
 * up to one dispatcher tick late, so a low rate is reached from below. A rate whose spacing is
 * shorter than a tick needs a slack of a tick to be reached at all, and may then start {@code rate
 * × slack / 60 s} more in a minute (see {@link #of}).
 */
record RateLimit(int perMinute, Duration slack) {

  /** The limit of a batch, with a slack only where the spacing is shorter than {@code tick}. */
  static RateLimit of(int perMinute, Duration tick) {
    RateLimit strict = new RateLimit(perMinute, Duration.ZERO);
    return strict.spacing().compareTo(tick) >= 0 ? strict : new RateLimit(perMinute, tick);
  }

  /**
   * How many devices may start now, at most {@code wanted}, and the theoretical time after them.
   *
   * @param next the theoretical time of the next start; null before the first start
   */
  Grant grant(@Nullable Instant next, Instant now, long wanted) {
    Duration spacing = spacing();
    Instant earliest = now.minus(slack);
    Instant from = next == null || next.isBefore(earliest) ? earliest : next;
    if (from.isAfter(now) || wanted <= 0) {
      return new Grant(0, next == null ? now : from);
    }
    long nanos = Duration.between(from, now).toNanos();
    long allowed = Math.min(wanted, nanos / spacing.toNanos() + 1);
    return new Grant(allowed, from.plus(spacing.multipliedBy(allowed)));
  }

  Duration spacing() {
    return Duration.ofNanos(60_000_000_000L / perMinute);
  }

  /**
   * @param count devices that may start now
   * @param next the theoretical time of the start after them
   */
  record Grant(long count, Instant next) {}
}
