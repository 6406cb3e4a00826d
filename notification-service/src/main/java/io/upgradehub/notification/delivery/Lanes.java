package io.upgradehub.notification.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One lane per notification: its records wait in a bounded queue and at most {@code
 * max-in-flight-per-endpoint} of them are attempted at once. A slow or dead receiver fills only its
 * own lane; the others keep going. While its circuit lets no call through a lane waits, its records
 * untouched, and looks again every {@value #PAUSE_MILLIS} ms. A record that finds its lane full
 * stays in the store, where the sweep finds it once the lane has room; one that waited in a lane
 * longer than its lease is left to the sweep too, which may have taken it again. Either way its
 * notification is noted as {@link Waiting}.
 */
@Component
class Lanes implements DisposableBean {

  static final String BUSY = "upgradehub.notifications.lanes.busy";
  static final long PAUSE_MILLIS = 1000;

  private final Deliverer deliverer;
  private final DeliveryRecords records;
  private final Waiting waiting;
  private final int maxInFlight;
  private final int capacity;
  private final long leaseNanos;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService resumer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "delivery-lanes");
            t.setDaemon(true);
            return t;
          });

  Lanes(
      Deliverer deliverer,
      DeliveryRecords records,
      Waiting waiting,
      DeliveryProperties properties,
      MeterRegistry meters) {
    this.deliverer = deliverer;
    this.records = records;
    this.waiting = waiting;
    this.maxInFlight = properties.maxInFlightPerEndpoint();
    this.capacity = properties.queuePerEndpoint();
    this.leaseNanos = properties.lease().toNanos();
    Gauge.builder(BUSY, this, Lanes::busy)
        .description("records queued or under way in this instance's lanes")
        .register(meters);
  }

  /**
   * Queues a record held by this instance for an attempt; when its lane is full, lets the record go
   * (its lease given back) for the sweep.
   *
   * @return whether it was queued
   */
  boolean offer(DeliveryRecord record) {
    Lane lane = lanes.computeIfAbsent(record.notificationId(), Lane::new);
    if (!lane.add(record)) {
      records.release(record.id());
      waiting.now(record.notificationId());
      return false;
    }
    lane.pump();
    return true;
  }

  /**
   * The notifications whose new records are left in the store now: lane full, or circuit not closed
   * (a half-open circuit's trial records are the sweep's to give, {@link #room}).
   */
  Set<String> blocked() {
    return lanes.values().stream()
        .filter(lane -> lane.isFull() || deliverer.admits(lane.notificationId) != Deliverer.ANY)
        .map(lane -> lane.notificationId)
        .collect(Collectors.toSet());
  }

  /**
   * How many records the notification's lane takes now: its free places while the circuit is
   * closed; the circuit's trial calls while it is half open and the lane idle, so that a receiver
   * that came back is found out; otherwise none.
   */
  int room(String notificationId) {
    Lane lane = lanes.get(notificationId);
    int admits = deliverer.admits(notificationId);
    if (admits == Deliverer.ANY) {
      return lane == null ? capacity : lane.free();
    }
    return lane == null || lane.size() == 0 ? admits : 0;
  }

  /** Records queued or under way in every lane. */
  int busy() {
    return lanes.values().stream().mapToInt(Lane::size).sum();
  }

  @Override
  public void destroy() {
    resumer.shutdownNow();
  }

  private record Queued(DeliveryRecord record, long since) {}

  private final class Lane {
    private final String notificationId;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean pumping;
    private boolean resumeScheduled;

    Lane(String notificationId) {
      this.notificationId = notificationId;
    }

    synchronized boolean add(DeliveryRecord record) {
      if (queue.size() >= capacity) {
        return false;
      }
      queue.add(new Queued(record, System.nanoTime()));
      return true;
    }

    synchronized boolean isFull() {
      return queue.size() >= capacity;
    }

    synchronized int free() {
      return Math.max(0, capacity - queue.size());
    }

    synchronized int size() {
      return queue.size() + inFlight;
    }

    /**
     * Starts queued records while there is room in flight and the circuit lets calls through, one
     * thread at a time: an attempt that ends at once (a disabled notification) frees its room for
     * the loop, not by calling back in.
     */
    void pump() {
      synchronized (this) {
        if (pumping) {
          return;
        }
        pumping = true;
      }
      while (true) {
        synchronized (this) {
          if (inFlight >= maxInFlight || queue.isEmpty()) {
            pumping = false;
            return;
          }
        }
        // only this thread takes from the queue (pumping), so what it saw is still there
        if (!deliverer.tryAcquire(notificationId)) {
          synchronized (this) {
            resumeLater();
            pumping = false;
            return;
          }
        }
        DeliveryRecord next;
        synchronized (this) {
          Queued queued = queue.poll();
          if (System.nanoTime() - queued.since() > leaseNanos) {
            // its lease ran out while it waited: the sweep may have taken it, let it be
            deliverer.release(notificationId);
            waiting.now(notificationId);
            continue;
          }
          next = queued.record();
          inFlight++;
        }
        deliverer.attempt(next, this::finished);
      }
    }

    /** Under the lane's lock. */
    private void resumeLater() {
      if (!resumeScheduled) {
        resumeScheduled = true;
        resumer.schedule(
            () -> {
              synchronized (this) {
                resumeScheduled = false;
              }
              pump();
            },
            PAUSE_MILLIS,
            TimeUnit.MILLISECONDS);
      }
    }

    private void finished() {
      synchronized (this) {
        inFlight--;
      }
      pump();
    }
  }
}
