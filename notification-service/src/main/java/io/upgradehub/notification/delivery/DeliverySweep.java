package io.upgradehub.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
 * full or whose circuit was open, records held by an instance that stopped (their lease ran out),
 * and, after a restart, everything that was under way. This is why a retry survives a restart: its
 * time is stored, not kept in memory.
 *
 * <p>Each round (every {@code sweep-interval}) claims records only of the notifications that {@link
 * Waiting} has due. What this instance did not note itself, what another instance or the last run
 * of this one left, is found by a look at the whole store every {@code full-sweep-interval}, which
 * notes what is due before the next look.
 */
@Component
class DeliverySweep implements SmartLifecycle {

  /** Claimed at a time: between claims the lane's room is looked at again. */
  static final int CLAIM = 100;

  private static final Logger log = LoggerFactory.getLogger(DeliverySweep.class);

  private final DeliveryRecords records;
  private final Lanes lanes;
  private final Waiting waiting;
  private final DeliveryProperties properties;
  private final Clock clock;
  private @Nullable Instant lastLook;
  private @Nullable ScheduledExecutorService scheduler;

  DeliverySweep(
      DeliveryRecords records,
      Lanes lanes,
      Waiting waiting,
      DeliveryProperties properties,
      Clock clock) {
    this.records = records;
    this.lanes = lanes;
    this.waiting = waiting;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Looks at the whole store when that is due, then claims what is due of the waiting notifications
   * and queues it, as much as each lane has room for.
   *
   * @return how many records were queued
   */
  synchronized int sweep() {
    Instant now = clock.instant();
    if (lastLook == null || !now.isBefore(lastLook.plus(properties.fullSweepInterval()))) {
      look(now);
    }
    int queued = 0;
    for (String notificationId : waiting.take(now)) {
      queued += claim(notificationId);
    }
    return queued;
  }

  /** Notes every notification with records due before the next look, whoever left them. */
  private void look(Instant now) {
    Set<String> blocked = lanes.blocked();
    blocked.forEach(waiting::now); // may have records in the store: the rounds find out
    records.upcoming(
        now.plus(properties.fullSweepInterval()),
        blocked,
        (notificationId, at) -> {
          if (at.isAfter(now)) {
            waiting.from(notificationId, at);
          } else {
            waiting.now(notificationId);
          }
        });
    lastLook = now;
  }

  /**
   * Claims and queues the notification's due records while its lane has room, a lane's worth at
   * most, so that one backlog does not hold up the other notifications' claims.
   */
  private int claim(String notificationId) {
    int queued = 0;
    for (int budget = properties.queuePerEndpoint(); ; budget -= CLAIM) {
      int room = Math.min(Math.min(CLAIM, budget), lanes.room(notificationId));
      if (room <= 0) {
        waiting.now(notificationId); // left for a round when the lane has room again
        return queued;
      }
      Instant now = clock.instant();
      List<DeliveryRecord> due =
          records.claimDue(notificationId, now, now.plus(properties.lease()), room);
      for (DeliveryRecord r : due) {
        if (lanes.offer(r)) {
          queued++;
        }
      }
      if (due.size() < room) {
        return queued; // nothing more is due
      }
    }
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
