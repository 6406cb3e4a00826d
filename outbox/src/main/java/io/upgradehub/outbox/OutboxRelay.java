package io.upgradehub.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the outbox entries of the source collection to Kafka, then removes them from their
 * document. At least once: a crash after the send and before the removal publishes the entry again
 * after restart, so consumers deduplicate by event id. Entries of one document are sent in the
 * order raised, keyed by the document id, so one aggregate's events stay in order.
 *
 * <p>Several instances may run: a short lease on the document decides which one publishes it.
 */
class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final String LEASE = "outboxLease";
  private static final int BATCH = 100;

  private final OutboxSource source;
  private final Outbox outbox;
  private final KafkaTemplate<String, String> kafka;
  private final OutboxProperties properties;
  private final Clock clock;
  private final Counter published;
  private final AtomicLong oldestPendingMillis = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private volatile Thread worker;

  OutboxRelay(
      OutboxSource source,
      Outbox outbox,
      KafkaTemplate<String, String> kafka,
      OutboxProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.source = source;
    this.outbox = outbox;
    this.kafka = kafka;
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
  }

  @Override
  public void start() {
    if (!properties.relayEnabled()) {
      log.warn("Outbox relay is disabled: events stay in the outbox until an instance relays them");
      return;
    }
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
    while (worker == Thread.currentThread()) {
      try {
        if (relayOnce() == 0) {
          outbox.awaitWrite(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
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

  /** One sweep: publishes what is pending now; returns how many events it published. */
  int relayOnce() throws InterruptedException {
    Date now = Date.from(clock.instant());
    Bson claimable = and(exists(Outbox.FIELD + ".0"), or(exists(LEASE, false), lt(LEASE, now)));
    List<Document> candidates =
        source
            .collection()
            .find(claimable)
            .projection(Projections.include("_id", Outbox.FIELD + ".at"))
            .limit(BATCH)
            .into(new ArrayList<>());
    recordLag(candidates);
    int sent = 0;
    for (Document candidate : candidates) {
      Document claimed =
          source
              .collection()
              .findOneAndUpdate(
                  and(eq("_id", candidate.get("_id")), claimable),
                  Updates.set(LEASE, Date.from(clock.instant().plus(properties.lease()))),
                  new FindOneAndUpdateOptions()
                      .projection(Projections.include(Outbox.FIELD))
                      .returnDocument(ReturnDocument.AFTER));
      if (claimed != null) {
        sent += publish(claimed);
      }
    }
    return sent;
  }

  private int publish(Document claimed) throws InterruptedException {
    String key = String.valueOf(claimed.get("_id"));
    List<Document> entries = claimed.getList(Outbox.FIELD, Document.class, List.of());
    List<CompletableFuture<?>> acks = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Document entry : entries) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(source.topic(), key, entry.getString("json"));
      record.headers().add("event-id", bytes(entry.getString("id")));
      record.headers().add("event-type", bytes(entry.getString("type")));
      record.headers().add("event-version", bytes(String.valueOf(entry.getInteger("version"))));
      acks.add(kafka.send(record));
      ids.add(entry.getString("id"));
    }
    try {
      CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
          .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // the lease expires and this or another instance sends them again
      log.warn("Kafka did not acknowledge {} event(s) of {}: {}", ids.size(), key, e.toString());
      return 0;
    }
    source
        .collection()
        .updateOne(
            eq("_id", claimed.get("_id")),
            Updates.combine(Updates.pull(Outbox.FIELD, in("id", ids)), Updates.unset(LEASE)));
    published.increment(ids.size());
    return ids.size();
  }

  private void recordLag(List<Document> candidates) {
    long oldest = 0;
    long count = 0;
    for (Document candidate : candidates) {
      for (Document entry : candidate.getList(Outbox.FIELD, Document.class, List.of())) {
        count++;
        long at = entry.getDate("at").getTime();
        oldest = oldest == 0 ? at : Math.min(oldest, at);
      }
    }
    oldestPendingMillis.set(oldest);
    pending.set(count);
  }

  private double lagSeconds() {
    long oldest = oldestPendingMillis.get();
    return oldest == 0
        ? 0
        : Duration.between(Instant.ofEpochMilli(oldest), clock.instant()).toMillis() / 1000.0;
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
