package io.upgradehub.notification.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores the outcomes of attempts in batches, on a thread of its own: an attempt gives its lane's
 * place back as soon as the receiver answered, instead of holding it through a write, and the store
 * takes one bulk write for many outcomes. An outcome not yet written when the process dies is lost
 * with it; its record keeps its lease and is attempted again when the lease ends (at least once,
 * same message id). A stop writes what is queued first.
 */
@Component
class Outcomes implements SmartLifecycle {

  static final int BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  private final DeliveryRecords records;
  private final Waiting waiting;
  private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
  private volatile boolean running;
  private @Nullable Thread writer;

  Outcomes(DeliveryRecords records, Waiting waiting) {
    this.records = records;
    this.waiting = waiting;
  }

  /** Queues the outcome of an attempt of {@code record} for writing. */
  void add(DeliveryRecord record, Attempt attempt) {
    queue.add(new Outcome(record.id(), record.notificationId(), attempt));
  }

  private void write() {
    List<Outcome> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Outcome first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, BATCH - 1);
        }
        records.attempted(batch);
        // noted once stored: a retry claimed before its outcome is written would not be due yet
        for (Outcome o : batch) {
          if (o.attempt().nextAt() != null) {
            waiting.from(o.notificationId(), o.attempt().nextAt());
          }
        }
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // the store is away: keep the batch and try again, the leases hold the records meanwhile
        log.warn("Could not store {} attempt outcomes, retrying: {}", batch.size(), e.toString());
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    Thread started = new Thread(this::write, "delivery-outcomes");
    started.setDaemon(true);
    started.start();
    writer = started;
  }

  /** Writes what is queued, then stops (within 10 s). */
  @Override
  public synchronized void stop() {
    running = false;
    if (writer != null) {
      try {
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      writer = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return writer != null;
  }

  /** Stopped after the lanes and the sweep, whose attempts end here. */
  @Override
  public int getPhase() {
    return DEFAULT_PHASE - 1;
  }

  record Outcome(String id, String notificationId, Attempt attempt) {}
}
