package io.upgradehub.adapter.pull;

import io.upgradehub.events.devices.DeviceKey;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * At most {@link DeviceAuthProperties#requestsPerMinute()} pulls per device per calendar minute,
 * counted per adapter instance (behind a load balancer a device may get a little more; the limit
 * protects the platform from a device stuck in a loop, it is not a quota).
 */
@Component
class PullRateLimiter {

  private static final int MAX_TRACKED = 100_000;

  private final int perMinute;
  private final Clock clock;
  private final ConcurrentMap<DeviceKey, Window> windows = new ConcurrentHashMap<>();

  PullRateLimiter(DeviceAuthProperties properties, Clock clock) {
    this.perMinute = properties.requestsPerMinute();
    this.clock = clock;
  }

  /**
   * Counts a pull of {@code device}.
   *
   * @return 0 when the pull may go on, else the seconds until the device may pull again
   */
  long acquire(DeviceKey device) {
    long now = clock.millis();
    long minute = now / 60_000;
    if (windows.size() > MAX_TRACKED) {
      // only the current minute matters: forget the devices of earlier ones
      windows.values().removeIf(window -> window.minute != minute);
    }
    Window window =
        windows.compute(
            device,
            (key, old) ->
                old == null || old.minute != minute
                    ? new Window(minute, 1)
                    : new Window(minute, old.count + 1));
    return window.count <= perMinute ? 0 : Math.max(1, ((minute + 1) * 60_000 - now + 999) / 1000);
  }

  private record Window(long minute, int count) {}
}
