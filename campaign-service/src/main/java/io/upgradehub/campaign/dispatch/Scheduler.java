package io.upgradehub.campaign.dispatch;

import io.upgradehub.campaign.batch.Batch;
import io.upgradehub.campaign.batch.Batches;
import io.upgradehub.campaign.batch.Planner;
import io.upgradehub.events.batches.BatchState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The loop that works every active batch: plans the batches not yet planned (on a thread of their
 * own, as planning a large fleet takes a while), and gives each batch a {@link Dispatcher} round
 * every tick, or at once after a round that changed a whole chunk of a batch's jobs (more are
 * waiting, and the batch's rate, not the tick, should say when they start). Everything it knows is
 * in the store, so a restart picks up where it stopped.
 */
@Component
public class Scheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final Duration PLANNING_RETRY = Duration.ofSeconds(5);

  private final Batches batches;
  private final Planner planner;
  private final Dispatcher dispatcher;
  private final SchedulerProperties properties;
  private final Clock clock;
  private final ExecutorService planning =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "batch-planner"));
  private final Set<String> planningNow = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> planningFailedAt = new ConcurrentHashMap<>();
  private volatile Thread worker;
  private final Map<String, Instant> lastSweep = new ConcurrentHashMap<>();

  Scheduler(
      Batches batches,
      Planner planner,
      Dispatcher dispatcher,
      SchedulerProperties properties,
      Clock clock) {
    this.batches = batches;
    this.planner = planner;
    this.dispatcher = dispatcher;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public void start() {
    if (!properties.enabled()) {
      log.warn("The batch scheduler is off: no batch is planned or dispatched by this instance");
      return;
    }
    worker = new Thread(this::loop, "batch-scheduler");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void stop() {
    Thread running = worker;
    worker = null;
    if (running != null) {
      running.interrupt();
      try {
        running.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    planning.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }

  private void loop() {
    while (worker == Thread.currentThread()) {
      try {
        long started = System.nanoTime();
        if (!round()) {
          long elapsed = (System.nanoTime() - started) / 1_000_000;
          Thread.sleep(Math.max(1, properties.tick().toMillis() - elapsed));
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("A scheduler round failed, going on: {}", e.toString());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * One round over every active batch; the loop runs one per tick, a test runs its own.
   *
   * @return whether a batch had a whole chunk of its jobs changed (so more may be waiting)
   */
  public boolean round() {
    Instant now = clock.instant();
    boolean full = false;
    List<Batch> active = batches.active();
    lastSweep.keySet().retainAll(active.stream().map(Batch::id).toList());
    for (Batch batch : active) {
      boolean sweep = sweepDue(batch, now);
      if (!batch.progress().planningDone() && batch.state() != BatchState.CANCELED) {
        plan(batch, now);
      }
      try {
        full |= dispatcher.round(batch, sweep) >= properties.chunk();
      } catch (RuntimeException e) {
        log.warn("Batch {}: round failed, trying again next tick: {}", batch.id(), e.toString());
      }
    }
    return full;
  }

  /**
   * Whether this round looks for the batch's due timeouts and retries: every {@code
   * sweep-interval}, or every twentieth of the batch's shortest wait (timeout or retry interval) if
   * that is longer, since the look is a query over the batch's jobs. A job so ends at most 5 % of
   * its timeout late.
   */
  private boolean sweepDue(Batch batch, Instant now) {
    Duration shortest = batch.spec().policy().timeout();
    if (batch.spec().policy().retries() > 0
        && batch.spec().policy().interval().compareTo(shortest) < 0) {
      shortest = batch.spec().policy().interval();
    }
    Duration every = shortest.dividedBy(20);
    if (every.compareTo(properties.sweepInterval()) < 0) {
      every = properties.sweepInterval();
    }
    Instant last = lastSweep.getOrDefault(batch.id(), Instant.EPOCH);
    if (now.isBefore(last.plus(every))) {
      return false;
    }
    lastSweep.put(batch.id(), now);
    return true;
  }

  private void plan(Batch batch, Instant now) {
    Instant failed = planningFailedAt.get(batch.id());
    if (failed != null && now.isBefore(failed.plus(PLANNING_RETRY))) {
      return;
    }
    if (!planningNow.add(batch.id())) {
      return;
    }
    planning.execute(
        () -> {
          try {
            planner.plan(batch);
            planningFailedAt.remove(batch.id());
          } catch (RuntimeException e) {
            planningFailedAt.put(batch.id(), clock.instant());
            log.warn("Batch {}: planning failed, trying again: {}", batch.id(), e.toString());
          } finally {
            planningNow.remove(batch.id());
          }
        });
  }
}
