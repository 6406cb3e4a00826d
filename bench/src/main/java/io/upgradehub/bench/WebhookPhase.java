package io.upgradehub.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One phase of the webhook benchmark: {@code events} job events of one package published at once
 * (or at a set rate), meanwhile a wait until the healthy receiver got a message for each (or {@code
 * timeout}), then the notifications' records of the phase's batch read back through the API.
 *
 * @param startNanos when the first event was handed to the producer
 * @param publishedNanos when the broker had acknowledged the last
 * @param endNanos when the wait ended
 * @param healthy what the healthy receiver got in the phase
 * @param healthyRecords the healthy notification's records of the phase by status
 * @param stuckRecords the stuck notification's records of the phase by status; empty when it was
 *     not associated
 * @param stuckAttempts connections the stuck receiver accepted in the phase
 */
record WebhookPhase(
    int events,
    long startNanos,
    long publishedNanos,
    long endNanos,
    SigningReceiver.Tally healthy,
    Map<String, Long> healthyRecords,
    Map<String, Long> stuckRecords,
    long stuckAttempts,
    ProcessCpu cpuBefore,
    ProcessCpu cpuAfter,
    JavaThreads serviceBefore,
    JavaThreads serviceAfter) {

  private static final String PRODUCT = WebhookBenchmark.PRODUCT;

  /** What a phase needs: the receivers, the events, the API and the notifications. */
  record Setup(
      SigningReceiver healthy,
      StuckReceiver stuck,
      JobEvents events,
      NotificationApi api,
      ProcessHandle service,
      String healthyId,
      String stuckId) {}

  /**
   * Runs a phase whose events belong to {@code packageId} and batch {@code batchId}; {@code
   * withStuck}: the caller associated the stuck notification with the package too, so its records
   * and attempts are reported. Prints a progress line a second when {@code verbose}.
   */
  static WebhookPhase run(
      Setup setup,
      String batchId,
      String packageId,
      boolean withStuck,
      int events,
      int perSecond,
      Duration timeout,
      boolean verbose)
      throws InterruptedException {
    SigningReceiver.Tally tally = setup.healthy().newTally();
    long stuckBefore = setup.stuck().accepted();
    ProcessCpu cpuBefore = ProcessCpu.now();
    JavaThreads serviceBefore = JavaThreads.of(setup.service());
    long start = System.nanoTime();
    // published from a thread of its own, so that progress shows while a --rate spreads them out
    CompletableFuture<Long> published = new CompletableFuture<>();
    Thread publisher =
        new Thread(
            () -> {
              try {
                setup.events().jobsSucceeded(batchId, packageId, PRODUCT, events, perSecond);
                published.complete(System.nanoTime());
              } catch (RuntimeException e) {
                published.completeExceptionally(e);
              }
            },
            "publisher");
    publisher.start();
    if (verbose) {
      System.out.println("  every second: delivered to the healthy receiver, in the last second");
    }
    long deadline = start + timeout.toNanos();
    long before = 0;
    boolean told = false;
    while (tally.distinct() < events && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long now = tally.distinct();
      if (verbose) {
        if (published.isDone() && !told) {
          System.out.printf(
              "  %,d events published in %.1f s%n", events, (published.join() - start) / 1e9);
          told = true;
        }
        System.out.printf(
            "  %6.1f s  delivered %,9d  (%,6d)%s%n",
            (System.nanoTime() - start) / 1e9,
            now,
            now - before,
            withStuck
                ? String.format("  stuck receiver: %,d attempts", setup.stuck().accepted())
                : "");
      }
      before = now;
    }
    long end = System.nanoTime();
    ProcessCpu cpuAfter = ProcessCpu.now();
    JavaThreads serviceAfter = JavaThreads.of(setup.service());
    long stuckAttempts = setup.stuck().accepted() - stuckBefore;
    Map<String, Long> healthyRecords = delivered(setup, batchId, events);
    Map<String, Long> stuckRecords =
        withStuck ? setup.api().records(setup.stuckId(), batchId) : Map.of();
    return new WebhookPhase(
        events,
        start,
        published.join(),
        end,
        tally,
        healthyRecords,
        stuckRecords,
        stuckAttempts,
        cpuBefore,
        cpuAfter,
        serviceBefore,
        serviceAfter);
  }

  /**
   * The healthy notification's records once all of them are stored as delivered (a record is
   * updated after the receiver answered), or as they are after 30 s.
   */
  private static Map<String, Long> delivered(Setup setup, String batchId, int events)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<String, Long> records = setup.api().records(setup.healthyId(), batchId);
    while (records.get("DELIVERED") < events && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      records = setup.api().records(setup.healthyId(), batchId);
    }
    // each status is counted by a query of its own: the counts read before the last outcomes
    // were stored are read again, once all are
    return setup.api().records(setup.healthyId(), batchId);
  }

  /** Whether the healthy receiver got every message, each signed right. */
  boolean complete() {
    return healthy.distinct() >= events && healthy.badSignatures() == 0;
  }

  /** Seconds from the first event handed to the producer to {@code nanos}. */
  double seconds(long nanos) {
    return (nanos - startNanos) / 1e9;
  }

  /** Healthy deliveries a second from the first to the last message received. */
  double rate() {
    return healthy.distinct() / Math.max(0.001, (healthy.lastNanos() - healthy.firstNanos()) / 1e9);
  }

  /** Healthy deliveries a second from the first event published to the last message received. */
  double rateFromStart() {
    return healthy.distinct() / Math.max(0.001, seconds(healthy.lastNanos()));
  }

  /** The healthy receiver's delivery delay at {@code percentile} (0–100), in seconds. */
  double delay(double percentile) {
    return healthy.delays().getValueAtPercentile(percentile) / 1e6;
  }

  /** The phase's wall time, first event published to the end of the wait. */
  Duration wall() {
    return Duration.ofNanos(endNanos - startNanos);
  }
}
