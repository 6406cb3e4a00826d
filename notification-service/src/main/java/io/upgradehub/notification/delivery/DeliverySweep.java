package io.upgradehub.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes the attempts that are due from the store: retries whose time came, records whose lane was
 * full, records held by an instance that stopped (their lease ran out), and, after a restart,
 * everything that was under way. This is why a retry survives a restart: its time is stored, not
 * kept in memory.
 */
@Component
class DeliverySweep implements SmartLifecycle {

  /** Claimed at a time: between claims the lanes that filled up meanwhile are left out. */
  static final int CLAIM = 100;

  private static final int MAX_ROUNDS = 100;
  private static final Logger log = LoggerFactory.getLogger(DeliverySweep.class);

  private final DeliveryRecords records;
  private final Lanes lanes;
  private final DeliveryProperties properties;
  private final Clock clock;
  private @Nullable ScheduledExecutorService scheduler;

  DeliverySweep(DeliveryRecords records, Lanes lanes, DeliveryProperties properties, Clock clock) {
    this.records = records;
    this.lanes = lanes;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Claims what is due and queues it; what finds its lane full is let go again ({@link Lanes}).
   *
   * @return how many records were queued
   */
  int sweep() {
    int queued = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      Instant now = clock.instant();
      List<DeliveryRecord> due =
          records.claimDue(now, now.plus(properties.lease()), lanes.blocked(), CLAIM);
      for (DeliveryRecord r : due) {
        if (lanes.offer(r)) {
          queued++;
        }
      }
      if (due.size() < CLAIM) {
        break;
      }
    }
    return queued;
  }

  @Override
  public synchronized void start() {
    if (!properties.sweepEnabled() || scheduler != null) {
      return;
    }
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "delivery-sweep");
              t.setDaemon(true);
              return t;
            });
    long interval = properties.sweepInterval().toMillis();
    started.scheduleWithFixedDelay(this::sweepSafely, interval, interval, TimeUnit.MILLISECONDS);
    scheduler = started;
  }

  private void sweepSafely() {
    try {
      sweep();
    } catch (RuntimeException e) {
      // the store is away: the next round tries again, nothing is lost meanwhile
      log.warn("Delivery sweep failed: {}", e.toString());
    }
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
