package io.upgradehub.inventory.device;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Counts the version changes still pending: those whose device update was stored but whose count
 * did not finish, say because the service stopped in between, of a device that may never report
 * again (a registration), and the chunks of a bulk import or arrivals left open the same way. Runs
 * shortly after start and then periodically, in the background ({@link PendingSweepProperties}).
 *
 * <p>Idempotent and safe beside everything else that counts: each change is counted by {@link
 * VersionCounting#count}, which is a no-op for a change counted already, and every instance may
 * sweep at the same time.
 */
@Component
@EnableConfigurationProperties(PendingSweepProperties.class)
class PendingSweep implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PendingSweep.class);

  private final Devices devices;
  private final ImportChunks chunks;
  private final VersionCounting counting;
  private final PendingSweepProperties properties;
  private final Clock clock;
  private @Nullable ScheduledExecutorService scheduler;

  PendingSweep(
      Devices devices,
      ImportChunks chunks,
      VersionCounting counting,
      PendingSweepProperties properties,
      Clock clock) {
    this.devices = devices;
    this.chunks = chunks;
    this.counting = counting;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Counts every change left pending: the bulk import chunks left open for longer than {@link
   * PendingSweepProperties#abandonedChunkAge()}, then the changes marked pending on devices for
   * longer than {@link PendingSweepProperties#minimumAge()}.
   *
   * @return how many chunks and device changes were handed to counting
   */
  long sweep() {
    AtomicLong swept = new AtomicLong();
    chunks.forEachOpen(
        clock.instant().minus(properties.abandonedChunkAge()),
        (chunkId, changes) -> {
          counting.recoverChunk(chunkId, changes);
          swept.incrementAndGet();
        });
    devices.forEachPending(
        clock.instant().minus(properties.minimumAge()),
        change -> {
          counting.count(change);
          swept.incrementAndGet();
        });
    if (swept.get() > 0) {
      log.info("counted {} import chunk(s) and version change(s) left pending", swept.get());
    }
    return swept.get();
  }

  private void sweepInBackground() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // the store is down, say; the next sweep tries again
      log.warn("sweep of pending version changes failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || scheduler != null) {
      return;
    }
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "pending-sweep");
              thread.setDaemon(true);
              return thread;
            });
    started.scheduleWithFixedDelay(
        this::sweepInBackground,
        properties.initialDelay().toMillis(),
        Math.max(1, properties.interval().toMillis()),
        TimeUnit.MILLISECONDS);
    scheduler = started;
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
