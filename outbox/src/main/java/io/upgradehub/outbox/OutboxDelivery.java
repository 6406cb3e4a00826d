package io.upgradehub.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the entries of named documents of one source, addressing them by {@code _id} only: one
 * {@code updateMany} claims those that no relay holds (a lease and a token of this claim), one
 * {@code find} reads what this claim got, every entry is sent without waiting, then the
 * acknowledged ones are removed by one unordered {@code bulkWrite} of {@code $pull}s.
 *
 * <p>Only the acknowledged prefix of a document's entries is removed, and then only while the
 * document still carries this claim's token: an entry that failed, and those after it, stay under
 * the lease until it expires and a relay sends them again, in their order (at least once). A relay
 * that lost its lease (it stalled longer than the lease) removes nothing, since another now owns
 * the document and sends its entries again.
 */
final class OutboxDelivery {

  private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
  static final String LEASE = "outboxLease";
  static final String CLAIM = "outboxClaim";

  private final KafkaTemplate<String, String> kafka;
  private final OutboxProperties properties;
  private final Clock clock;

  OutboxDelivery(KafkaTemplate<String, String> kafka, OutboxProperties properties, Clock clock) {
    this.kafka = kafka;
    this.properties = properties;
    this.clock = clock;
  }

  /** Documents with entries whose lease, if any, has expired at {@code now}. */
  static Bson claimable(Instant now) {
    return and(exists(Outbox.FIELD + ".0"), or(exists(LEASE, false), lt(LEASE, Date.from(now))));
  }

  /**
   * Publishes the entries of those of {@code ids} that have entries and no live lease.
   *
   * @return how many entries Kafka acknowledged
   * @throws InterruptedException when stopped while waiting for Kafka; the entries stay leased
   */
  int deliver(OutboxSource source, Collection<?> ids) throws InterruptedException {
    if (ids.isEmpty()) {
      return 0;
    }
    MongoCollection<Document> collection = source.collection();
    Instant now = clock.instant();
    String token = UUID.randomUUID().toString();
    long claimed =
        collection
            .updateMany(
                and(in("_id", ids), claimable(now)),
                Updates.combine(
                    Updates.set(LEASE, Date.from(now.plus(properties.lease()))),
                    Updates.set(CLAIM, token)))
            .getModifiedCount();
    if (claimed == 0) {
      return 0;
    }
    return publish(source, ids, token, new ArrayList<>());
  }

  /**
   * Publishes the entries of those of {@code ids} that carry the claim {@code token}: documents
   * their writer claimed for this relay ({@link Outbox#claimForRelay}), or that {@link #deliver}
   * claimed.
   *
   * @param found receives the ids of the documents that carried the claim
   * @return how many entries Kafka acknowledged
   */
  int publish(OutboxSource source, Collection<?> ids, String token, Collection<Object> found)
      throws InterruptedException {
    List<Sending> sendings = new ArrayList<>();
    for (Document document :
        source
            .collection()
            .find(and(in("_id", ids), eq(CLAIM, token)))
            .projection(Projections.include(Outbox.FIELD))) {
      found.add(document.get("_id"));
      sendings.add(send(source, document));
    }
    return removeAcknowledged(source, token, sendings);
  }

  private int removeAcknowledged(OutboxSource source, String token, List<Sending> sendings)
      throws InterruptedException {
    long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
    List<WriteModel<Document>> removals = new ArrayList<>();
    int published = 0;
    int failed = 0;
    Exception failure = null;
    for (Sending sending : sendings) {
      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < sending.acks().size(); i++) {
        try {
          sending
              .acks()
              .get(i)
              .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
          acknowledged.add(sending.entryIds().get(i));
        } catch (ExecutionException | TimeoutException e) {
          failure = e;
          break;
        }
      }
      boolean complete = acknowledged.size() == sending.entryIds().size();
      if (!complete) {
        failed++;
      }
      if (acknowledged.isEmpty()) {
        continue;
      }
      // a document left with entries keeps its lease: they are sent again when it expires
      Bson pull = Updates.pull(Outbox.FIELD, in("id", acknowledged));
      removals.add(
          new UpdateOneModel<>(
              and(eq("_id", sending.id()), eq(CLAIM, token)),
              complete ? Updates.combine(pull, Updates.unset(LEASE), Updates.unset(CLAIM)) : pull));
      published += acknowledged.size();
    }
    if (!removals.isEmpty()) {
      source.collection().bulkWrite(removals, new BulkWriteOptions().ordered(false));
    }
    if (failed > 0) {
      log.warn(
          "Kafka did not acknowledge all events of {} document(s) of {}; they are sent again after"
              + " the lease: {}",
          failed,
          source.collection().getNamespace(),
          String.valueOf(failure));
    }
    return published;
  }

  /** Sends the document's entries in order, without waiting for Kafka. */
  private Sending send(OutboxSource source, Document document) {
    Object id = document.get("_id");
    List<Document> entries = document.getList(Outbox.FIELD, Document.class, List.of());
    List<String> entryIds = new ArrayList<>();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (Document entry : entries) {
      entryIds.add(entry.getString("id"));
      try {
        acks.add(kafka.send(record(source, id, entry)));
      } catch (RuntimeException e) {
        // e.g. no metadata within max.block.ms: the later entries must not overtake this one
        acks.add(CompletableFuture.failedFuture(e));
        break;
      }
    }
    return new Sending(id, entryIds, acks);
  }

  private static ProducerRecord<String, String> record(
      OutboxSource source, Object id, Document entry) {
    String topic = entry.getString("topic");
    String key = entry.getString("key");
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            topic != null ? topic : source.topic(),
            key != null ? key : String.valueOf(id),
            entry.getString("json"));
    record.headers().add("event-id", bytes(entry.getString("id")));
    record.headers().add("event-type", bytes(entry.getString("type")));
    record.headers().add("event-version", bytes(String.valueOf(entry.getInteger("version"))));
    return record;
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** One document's entries on their way: their ids and acknowledgements, in order. */
  private record Sending(Object id, List<String> entryIds, List<CompletableFuture<?>> acks) {}
}
