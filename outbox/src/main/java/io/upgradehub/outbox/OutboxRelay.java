package io.upgradehub.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the outbox entries of a service's source collections to Kafka, then removes them from
 * their document. At least once: a crash after the send and before the removal publishes the entry
 * again after restart, so consumers deduplicate by event id. Entries of one document are sent in
 * the order raised, each to its own topic and key or else to the source's topic keyed by the
 * document id, so one aggregate's events stay in order.
 *
 * <p>One thread does two things: it publishes the documents writers named ({@link
 * Outbox#written(OutboxSource, java.util.Collection)}) first, in bulk by {@code _id}; and it
 * sweeps, scanning each collection for documents with entries nobody named to it (their writer
 * crashed, another instance wrote them): at start, when asked ({@link Outbox#written()}), and every
 * sweep interval. Several instances may run: a short lease on the document decides which one
 * publishes it ({@link OutboxDelivery}).
 */
class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  // documents per bulk claim; one claim, one read and one bulk removal each
  static final int BATCH = 500;

  private final Outbox outbox;
  private final OutboxDelivery delivery;
  private final OutboxProperties properties;
  private final Clock clock;
  private final Counter published;
  private final AtomicLong oldestPendingMillis = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private volatile Thread worker;

  OutboxRelay(
      Outbox outbox,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.delivery = new OutboxDelivery(kafka, properties, clock);
    this.properties = properties;
    this.clock = clock;
    this.published =
        Counter.builder("upgradehub.outbox.published")
            .description("Events published from the outbox")
            .register(meters);
    Gauge.builder("upgradehub.outbox.lag", this, OutboxRelay::lagSeconds)
        .description("Age in seconds of the oldest event waiting in the outbox")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("upgradehub.outbox.pending", pending, AtomicLong::get)
        .description("Events waiting in the outbox at the last sweep")
        .register(meters);
    FunctionCounter.builder("upgradehub.outbox.hints.dropped", outbox.hints(), OutboxHints::dropped)
        .description("Documents named to the relay while its queue was full; a sweep finds them")
        .register(meters);
  }

  @Override
  public void start() {
    if (!properties.relayEnabled()) {
      log.warn("Outbox relay is disabled: events stay in the outbox until an instance relays them");
      return;
    }
    // what earlier instances left behind, whatever its age
    outbox.hints().requestSweep();
    worker = new Thread(this::loop, "outbox-relay");
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
        running.join(properties.sendTimeout().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }

  private void loop() {
    Instant nextSweep = clock.instant().plus(properties.sweepEvery());
    Duration sweepAgeLimit = Duration.ZERO;
    boolean sweepAgain = false;
    while (worker == Thread.currentThread()) {
      try {
        boolean busy = relayHinted() > 0;
        boolean requested = outbox.hints().takeSweepRequest();
        if (requested || sweepAgain || !clock.instant().isBefore(nextSweep)) {
          // a requested sweep takes everything; a periodic one leaves fresh entries to their hint
          if (requested) {
            sweepAgeLimit = Duration.ZERO;
          } else if (!sweepAgain) {
            sweepAgeLimit = properties.sweepEvery();
          }
          sweepAgain = sweep(sweepAgeLimit);
          nextSweep = clock.instant().plus(properties.sweepEvery());
        }
        if (!busy && !sweepAgain) {
          long wait = Duration.between(clock.instant(), nextSweep).toMillis();
          outbox.hints().await(Math.max(1, wait), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Outbox relay failed, retrying: {}", e.toString());
        try {
          Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /**
   * Publishes up to {@link #BATCH} named documents, oldest hint first.
   *
   * @return how many hints it took
   */
  int relayHinted() throws InterruptedException {
    List<OutboxHints.Hint> hints = outbox.hints().drain(BATCH);
    Map<OutboxSource, Set<Object>> bySource = new LinkedHashMap<>();
    Map<OutboxSource, Set<Object>> claimedBySource = new LinkedHashMap<>();
    for (OutboxHints.Hint hint : hints) {
      (hint.claimed() ? claimedBySource : bySource)
          .computeIfAbsent(hint.source(), s -> new LinkedHashSet<>())
          .add(hint.id());
    }
    for (Map.Entry<OutboxSource, Set<Object>> named : claimedBySource.entrySet()) {
      Set<Object> found = new HashSet<>();
      published.increment(
          delivery.publish(named.getKey(), named.getValue(), outbox.instanceClaim(), found));
      // no longer this instance's claim (a write that came after was not claimed, and the
      // removal of an earlier delivery released it): claimed the usual way, if they have entries
      named.getValue().removeAll(found);
      bySource.computeIfAbsent(named.getKey(), s -> new LinkedHashSet<>()).addAll(named.getValue());
    }
    for (Map.Entry<OutboxSource, Set<Object>> named : bySource.entrySet()) {
      published.increment(delivery.deliver(named.getKey(), named.getValue()));
    }
    return hints.size();
  }

  /**
   * One sweep of every source: publishes up to {@link #BATCH} documents of each whose first entry
   * is at least {@code minimumAge} old.
   *
   * @return whether a source had more than that (sweep again at once)
   */
  boolean sweep(Duration minimumAge) throws InterruptedException {
    Instant now = clock.instant();
    Bson filter = OutboxDelivery.claimable(now);
    if (!minimumAge.isZero()) {
      filter = and(filter, lt(Outbox.FIELD + ".0.at", Date.from(now.minus(minimumAge))));
    }
    boolean full = false;
    long oldest = 0;
    long count = 0;
    for (OutboxSource source : outbox.sources()) {
      List<Object> ids = new ArrayList<>();
      for (Document candidate :
          source
              .collection()
              .find(filter)
              .projection(Projections.include("_id", Outbox.FIELD + ".at"))
              .limit(BATCH)) {
        ids.add(candidate.get("_id"));
        for (Document entry : candidate.getList(Outbox.FIELD, Document.class, List.of())) {
          count++;
          long at = entry.getDate("at").getTime();
          oldest = oldest == 0 ? at : Math.min(oldest, at);
        }
      }
      full |= ids.size() == BATCH;
      published.increment(delivery.deliver(source, ids));
    }
    oldestPendingMillis.set(oldest);
    pending.set(count);
    return full;
  }

  private double lagSeconds() {
    long oldest = oldestPendingMillis.get();
    return oldest == 0
        ? 0
        : Duration.between(Instant.ofEpochMilli(oldest), clock.instant()).toMillis() / 1000.0;
  }
}
