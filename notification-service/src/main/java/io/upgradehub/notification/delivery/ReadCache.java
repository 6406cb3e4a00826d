package io.upgradehub.notification.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Values read from the store, kept for a time to live and dropped by {@link #forget()}. A read that
 * began before a {@code forget} is not kept after it: it may have missed the change.
 */
final class ReadCache<K, V> {

  private final Duration ttl;
  private final LongSupplier nanoTime;
  private final Map<K, Cached<V>> values = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();

  ReadCache(Duration ttl) {
    this(ttl, System::nanoTime);
  }

  ReadCache(Duration ttl, LongSupplier nanoTime) {
    this.ttl = ttl;
    this.nanoTime = nanoTime;
  }

  V get(K key, Supplier<V> load) {
    long now = nanoTime.getAsLong();
    long seen = changes.get();
    Cached<V> cached = values.get(key);
    if (cached == null || cached.seen() != seen || now - cached.loadedAt() > ttl.toNanos()) {
      cached = new Cached<>(load.get(), now, seen);
      values.put(key, cached);
    }
    return cached.value();
  }

  void forget() {
    changes.incrementAndGet();
    values.clear();
  }

  /** {@code seen} is the count of changes when the read began. */
  private record Cached<V>(V value, long loadedAt, long seen) {}
}
