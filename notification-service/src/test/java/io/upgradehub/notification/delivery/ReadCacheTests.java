package io.upgradehub.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a cached read of subscribers gives back, and when it reads the store again. */
class ReadCacheTests {

  private final AtomicLong nanos = new AtomicLong();
  private final ReadCache<String, Integer> cache =
      new ReadCache<>(Duration.ofSeconds(1), nanos::get);
  private final AtomicInteger reads = new AtomicInteger();

  @Test
  void keepsAReadForItsTimeToLive() {
    assertThat(cache.get("p", reads::incrementAndGet)).isEqualTo(1);
    nanos.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(cache.get("p", reads::incrementAndGet)).isEqualTo(1);
    nanos.addAndGet(Duration.ofMillis(2).toNanos());
    assertThat(cache.get("p", reads::incrementAndGet)).isEqualTo(2);
  }

  @Test
  void readsAgainAfterAChange() {
    cache.get("p", reads::incrementAndGet);
    cache.forget();
    assertThat(cache.get("p", reads::incrementAndGet)).isEqualTo(2);
  }

  @Test
  void doesNotKeepAReadThatAChangeOvertook() {
    // the read began before the association was written and ends after the change was announced
    Integer stale =
        cache.get(
            "p",
            () -> {
              int value = reads.incrementAndGet();
              cache.forget();
              return value;
            });
    assertThat(stale).isEqualTo(1);
    assertThat(cache.get("p", reads::incrementAndGet)).isEqualTo(2);
  }
}
