package io.upgradehub.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the writers of one service told its relay: documents that just got entries (hints) and
 * requests for a sweep. The queue is bounded so that a relay that falls behind cannot take the
 * service's memory; a hint that does not fit is dropped and counted, and its document waits for a
 * sweep, which finds every document with entries anyway.
 */
final class OutboxHints {

  /**
   * A document of {@code source} that got entries; {@code claimed}: its writer also claimed it for
   * this instance's relay ({@link Outbox#claimForRelay}).
   */
  record Hint(OutboxSource source, Object id, boolean claimed) {}

  private final BlockingQueue<Hint> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean sweepRequested = new AtomicBoolean();
  // one wake-up for both kinds, so the relay waits on a single thing
  private final Semaphore wake = new Semaphore(0);

  OutboxHints(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  void add(OutboxSource source, Collection<?> ids, boolean claimed) {
    for (Object id : ids) {
      if (!queue.offer(new Hint(source, id, claimed))) {
        dropped.incrementAndGet();
      }
    }
    wake.release();
  }

  void requestSweep() {
    sweepRequested.set(true);
    wake.release();
  }

  /** Whether a sweep was requested since the last call. */
  boolean takeSweepRequest() {
    return sweepRequested.getAndSet(false);
  }

  /** Up to {@code max} hints, oldest first; empty when there are none. */
  List<Hint> drain(int max) {
    List<Hint> hints = new ArrayList<>(Math.min(max, queue.size()));
    queue.drainTo(hints, max);
    return hints;
  }

  /**
   * Waits until a hint or a sweep request arrives or the timeout passes. The caller looks at the
   * queue and the request after it returns, so a wake-up that arrives in between is not lost.
   */
  void await(long timeout, TimeUnit unit) throws InterruptedException {
    if (queue.isEmpty() && !sweepRequested.get()) {
      wake.tryAcquire(timeout, unit);
    }
    wake.drainPermits();
  }

  long dropped() {
    return dropped.get();
  }
}
