package io.upgradehub.notification.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * One lane per notification: its records wait in a bounded queue and at most {@code
 * max-in-flight-per-endpoint} of them are attempted at once. A slow or dead receiver fills only its
 * own lane; the others keep going. A record that finds its lane full stays in the store, where the
 * sweep finds it once the lane has room.
 */
@Component
class Lanes {

  static final String BUSY = "upgradehub.notifications.lanes.busy";

  private final Deliverer deliverer;
  private final int maxInFlight;
  private final int capacity;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  Lanes(Deliverer deliverer, DeliveryProperties properties, MeterRegistry meters) {
    this.deliverer = deliverer;
    this.maxInFlight = properties.maxInFlightPerEndpoint();
    this.capacity = properties.queuePerEndpoint();
    Gauge.builder(BUSY, this, Lanes::busy)
        .description("records queued or under way in this instance's lanes")
        .register(meters);
  }

  /**
   * Queues a record held by this instance for an attempt.
   *
   * @return false when its lane is full: the caller lets the record go for the sweep
   */
  boolean offer(DeliveryRecord record) {
    Lane lane = lanes.computeIfAbsent(record.notificationId(), id -> new Lane());
    if (!lane.add(record)) {
      return false;
    }
    lane.pump();
    return true;
  }

  /** The notifications whose lanes have no room now. */
  Set<String> full() {
    return lanes.entrySet().stream()
        .filter(e -> e.getValue().isFull())
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /** Records queued or under way in every lane. */
  int busy() {
    return lanes.values().stream().mapToInt(Lane::size).sum();
  }

  private final class Lane {
    private final ArrayDeque<DeliveryRecord> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean pumping;

    synchronized boolean add(DeliveryRecord record) {
      if (queue.size() >= capacity) {
        return false;
      }
      queue.add(record);
      return true;
    }

    synchronized boolean isFull() {
      return queue.size() >= capacity;
    }

    synchronized int size() {
      return queue.size() + inFlight;
    }

    /**
     * Starts queued records while there is room in flight, one thread at a time: an attempt that
     * ends at once (a disabled notification) frees its room for the loop, not by calling back in.
     */
    void pump() {
      synchronized (this) {
        if (pumping) {
          return;
        }
        pumping = true;
      }
      while (true) {
        DeliveryRecord next;
        synchronized (this) {
          if (inFlight >= maxInFlight || queue.isEmpty()) {
            pumping = false;
            return;
          }
          next = queue.poll();
          inFlight++;
        }
        deliverer.attempt(next, this::finished);
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
