package io.upgradehub.outbox;

import com.mongodb.client.model.Updates;
import io.upgradehub.events.EventEnvelope;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an aggregate's pending events into outbox entries that are stored in the aggregate's own
 * document, in the same single-document write as the state change. Without multi-document
 * transactions this is what makes "state changed" and "event will be published" one fact.
 *
 * <p>An entry is {@code {id, type, version, at, json}} and, when the event names them, {@code
 * topic} and {@code key}: {@code json} is the whole envelope, serialized once here, so the relay
 * sends exactly what was decided at write time.
 *
 * <p>After the write, the caller tells the relay: {@link #written(OutboxSource, Collection)} names
 * the documents, which the relay then publishes by id without scanning; {@link #written()} asks for
 * a sweep of every source. Without either, a periodic sweep finds them.
 *
 * <p>A writer that knows the document had no entries when it read it (at the revision its write is
 * conditioned on) may also claim it for this instance's relay in the same write ({@link
 * #claimForRelay}) and name it with {@link #writtenClaimed}: the relay then reads and publishes it
 * without a claiming write of its own, one store write less per document.
 */
public class Outbox {

  /** The array field holding the pending entries in an aggregate's document. */
  public static final String FIELD = "outbox";

  private final JsonMapper json;
  private final List<OutboxSource> sources;
  private final String service;
  private final OutboxHints hints;
  private final Duration lease;
  // this instance's claim in documents its writers claimed for its relay
  private final String instanceClaim = "writer-" + UUID.randomUUID();

  /**
   * @throws IllegalArgumentException when there is no source or the sources name different services
   *     (one outbox belongs to one service)
   */
  Outbox(JsonMapper json, List<OutboxSource> sources, int hintCapacity, Duration lease) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("The outbox needs at least one OutboxSource");
    }
    List<String> names = sources.stream().map(OutboxSource::name).distinct().toList();
    if (names.size() != 1) {
      throw new IllegalArgumentException("The outbox sources name several services: " + names);
    }
    this.json = json;
    this.sources = List.copyOf(sources);
    this.service = names.get(0);
    this.hints = new OutboxHints(hintCapacity);
    this.lease = lease;
  }

  /**
   * Entries for {@code events} about the aggregate {@code subject}, in the order raised.
   *
   * @throws tools.jackson.core.JacksonException when an event's data cannot be serialized
   */
  public List<Document> entries(String subject, Instant time, List<PendingEvent> events) {
    return events.stream()
        .map(
            event -> {
              String id = UUID.randomUUID().toString();
              var envelope =
                  new EventEnvelope<>(
                      id, event.type(), event.version(), service, time, subject, event.data());
              Document entry =
                  new Document("id", id)
                      .append("type", event.type())
                      .append("version", event.version())
                      .append("at", Date.from(time))
                      .append("json", json.writeValueAsString(envelope));
              if (event.topic() != null) {
                entry.append("topic", event.topic());
              }
              if (event.key() != null) {
                entry.append("key", event.key());
              }
              return entry;
            })
        .toList();
  }

  /**
   * Tells the relay that entries were written somewhere, so it sweeps every source now rather than
   * at its next sweep. A sweep scans the collections: a service that writes often or into large
   * collections names its documents with {@link #written(OutboxSource, Collection)} instead.
   */
  public void written() {
    hints.requestSweep();
  }

  /**
   * Tells the relay that the documents {@code ids} of {@code source} got entries, so it publishes
   * them at once, claiming and reading them by {@code _id} only. Never blocks: when the relay is
   * that far behind (more than {@code upgradehub.outbox.hint-capacity} waiting), the hints that do
   * not fit are dropped and counted ({@code upgradehub.outbox.hints.dropped}) and those documents
   * wait for the periodic sweep; nothing is lost, as the entries are in the documents.
   *
   * @param source one of the sources this outbox was configured with
   * @param ids the {@code _id}s of the documents just written, as stored (not null, no nulls)
   * @throws IllegalArgumentException when {@code source} is not one of this outbox's sources
   */
  public void written(OutboxSource source, Collection<?> ids) {
    if (!sources.contains(source)) {
      throw new IllegalArgumentException("Not a source of this outbox: " + source.name());
    }
    if (!ids.isEmpty()) {
      hints.add(source, ids, false);
    }
  }

  /**
   * The fields that claim a document for this instance's relay, to add to the write that stores its
   * entries. Only for a document that had no entries when the writer read it, at the revision the
   * write is conditioned on: then no relay can be sending any of its entries, and taking the lease
   * cannot make two relays send one document's entries out of order.
   */
  public Bson claimForRelay(Instant now) {
    return Updates.combine(
        Updates.set(OutboxDelivery.LEASE, Date.from(now.plus(lease))),
        Updates.set(OutboxDelivery.CLAIM, instanceClaim));
  }

  /**
   * Like {@link #written(OutboxSource, Collection)}, for documents whose write also claimed them
   * ({@link #claimForRelay}): the relay publishes them without claiming them first.
   */
  public void writtenClaimed(OutboxSource source, Collection<?> ids) {
    if (!sources.contains(source)) {
      throw new IllegalArgumentException("Not a source of this outbox: " + source.name());
    }
    if (!ids.isEmpty()) {
      hints.add(source, ids, true);
    }
  }

  String instanceClaim() {
    return instanceClaim;
  }

  List<OutboxSource> sources() {
    return sources;
  }

  OutboxHints hints() {
    return hints;
  }
}
