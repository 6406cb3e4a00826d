package io.upgradehub.campaign.transfer;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.upgradehub.outbox.Outbox;
import io.upgradehub.outbox.OutboxSource;
import io.upgradehub.outbox.PendingEvent;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Repository;

/**
 * Transfers (collection {@code transfers}, {@code _id} = transfer id). A transfer is stored as
 * {@code receiving} before its devices, and shown only once they all are: a refused or broken
 * intake leaves nothing anyone sees, and {@link #delete} takes it away.
 */
@Repository
class Transfers {

  static final int MAX_DECISIONS = 100;

  /** What begins a transfer's id, and so its batch's: a batch id alone never has a dash. */
  static final String ID_PREFIX = "tr-";

  private final MongoCollection<Document> transfers;
  private final Outbox outbox;
  private final OutboxSource source;

  Transfers(
      MongoCollection<Document> transferCollection,
      Outbox outbox,
      @Qualifier("transferOutbox") OutboxSource source) {
    this.transfers = transferCollection;
    this.outbox = outbox;
    this.source = source;
  }

  @PostConstruct
  void createIndexes() {
    transfers.createIndex(Indexes.descending(TransferDocuments.CREATED_AT));
    transfers.createIndex(Indexes.ascending(TransferDocuments.STATUS));
    transfers.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending("productKey"), Indexes.descending(TransferDocuments.CREATED_AT)));
  }

  /** Whether a batch id is a transfer's. */
  static boolean isTransferId(String batchId) {
    return batchId.startsWith(ID_PREFIX);
  }

  /** Stores a transfer whose devices are still to be stored: no list or read shows it yet. */
  void insertReceiving(Transfer transfer) {
    transfers.insertOne(
        TransferDocuments.toDocument(transfer).append(TransferDocuments.RECEIVING, true));
  }

  /** Shows a transfer whose devices are all stored. */
  void received(String id) {
    transfers.updateOne(eq("_id", id), Updates.unset(TransferDocuments.RECEIVING));
  }

  void delete(String id) {
    transfers.deleteOne(eq("_id", id));
  }

  /** The transfers still receiving their devices that began before {@code before}. */
  List<String> receivingSince(Instant before) {
    List<String> ids = new ArrayList<>();
    for (Document d :
        transfers
            .find(
                and(
                    eq(TransferDocuments.RECEIVING, true),
                    lt(TransferDocuments.CREATED_AT, Date.from(before))))
            .projection(new Document("_id", 1))) {
      ids.add(d.getString("_id"));
    }
    return ids;
  }

  Optional<Transfer> find(String id) {
    return Optional.ofNullable(transfers.find(and(eq("_id", id), shown())).first())
        .map(TransferDocuments::fromDocument);
  }

  /**
   * Marks a decision as under way, unless another one is.
   *
   * @return false when the transfer has a decision under way already
   */
  boolean beginDecision(String id, PendingDecision decision) {
    return transfers
            .updateOne(
                and(eq("_id", id), exists(TransferDocuments.PENDING_DECISION, false)),
                Updates.set(
                    TransferDocuments.PENDING_DECISION, TransferDocuments.pending(decision)))
            .getModifiedCount()
        == 1;
  }

  /**
   * Ends the decision under way: moves the counts by the devices it moved, and stores the status
   * they give the transfer, with the decision (the latest {@value #MAX_DECISIONS} are kept) and its
   * events, in one write. Counts only ever move by what was done ({@code deltas}), never are they
   * set from a count of the devices, which a device's move made meanwhile could overtake.
   */
  void decided(
      String id,
      String pendingId,
      Map<TransferDeviceState, Long> deltas,
      TransferStatus status,
      Decision decision,
      List<PendingEvent> events) {
    writeWithEvents(
        id,
        eq(TransferDocuments.PENDING_DECISION + ".id", pendingId),
        decision.at(),
        events,
        incs(deltas),
        Updates.set(TransferDocuments.STATUS, status.name()),
        pushDecision(decision),
        Updates.unset(TransferDocuments.PENDING_DECISION));
  }

  /** Ends a decision under way that changed no device: nothing to record. */
  void abandonDecision(String id, String pendingId) {
    transfers.updateOne(
        and(eq("_id", id), eq(TransferDocuments.PENDING_DECISION + ".id", pendingId)),
        Updates.unset(TransferDocuments.PENDING_DECISION));
  }

  /**
   * Moves the transfer's counts by what its devices did ({@code +n} for a state entered, {@code -n}
   * for one left).
   *
   * @return the transfer after, empty when there is none
   */
  Optional<Transfer> addCounts(String id, Map<TransferDeviceState, Long> deltas, Instant at) {
    return Optional.ofNullable(
            transfers.findOneAndUpdate(
                eq("_id", id),
                Updates.combine(
                    incs(deltas), Updates.set(TransferDocuments.UPDATED_AT, Date.from(at))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(TransferDocuments::fromDocument);
  }

  /**
   * Replaces the counts by a recount, while the transfer is in progress, no decision runs, and its
   * counts did not move since {@code updatedAt}.
   */
  void setCounts(String id, Map<TransferDeviceState, Long> counts, Instant updatedAt) {
    transfers.updateOne(
        and(eq("_id", id), inProgress(), eq(TransferDocuments.UPDATED_AT, Date.from(updatedAt))),
        Updates.set(TransferDocuments.COUNTS, TransferDocuments.counts(counts)));
  }

  /** {@code $inc} of each count by its delta (one of 0 when none moves: an update needs one). */
  private static Bson incs(Map<TransferDeviceState, Long> deltas) {
    List<Bson> incs = new ArrayList<>();
    deltas.forEach(
        (state, n) -> {
          if (n != 0) {
            incs.add(Updates.inc(TransferDocuments.COUNTS + "." + state.name(), n));
          }
        });
    return incs.isEmpty()
        ? Updates.inc(TransferDocuments.COUNTS + "." + TransferDeviceState.PENDING.name(), 0L)
        : Updates.combine(incs);
  }

  /**
   * Ends a transfer in progress as {@code status}, with its final counts and its event, in one
   * write; only once.
   *
   * @return false when it was not in progress, or a decision runs on it
   */
  boolean end(
      String id,
      TransferStatus status,
      Map<TransferDeviceState, Long> counts,
      PendingEvent event,
      Instant at) {
    return writeWithEvents(
        id,
        inProgress(),
        at,
        List.of(event),
        Updates.set(TransferDocuments.STATUS, status.name()),
        Updates.set(TransferDocuments.COUNTS, TransferDocuments.counts(counts)));
  }

  /**
   * Marks a transfer that has not ended as canceled, the cancellation under way, unless a decision
   * is.
   *
   * @return false when it ended, or a decision is under way
   */
  boolean beginCancel(String id, String by, Instant at) {
    return transfers
            .updateOne(
                and(
                    eq("_id", id),
                    in(
                        TransferDocuments.STATUS,
                        TransferStatus.AWAITING_REVIEW.name(),
                        TransferStatus.IN_PROGRESS.name()),
                    exists(TransferDocuments.PENDING_DECISION, false),
                    shown()),
                Updates.combine(
                    Updates.set(TransferDocuments.STATUS, TransferStatus.CANCELED.name()),
                    Updates.set(
                        TransferDocuments.CANCELING,
                        new Document("by", by).append("at", Date.from(at)))))
            .getModifiedCount()
        == 1;
  }

  /**
   * Ends a cancellation under way: the counts moved by the devices it canceled, the cancellation
   * among the decisions, and the transfer's end event, in one write.
   */
  void canceled(
      String id, Map<TransferDeviceState, Long> deltas, Decision cancellation, PendingEvent event) {
    writeWithEvents(
        id,
        exists(TransferDocuments.CANCELING, true),
        cancellation.at(),
        List.of(event),
        incs(deltas),
        pushDecision(cancellation),
        Updates.unset(TransferDocuments.CANCELING));
  }

  /**
   * Writes {@code changes} to the transfer, if it still matches {@code filter}, with {@code events}
   * in its outbox and {@code at} as its last change, in one write; names it to the relay.
   *
   * @return whether it matched
   */
  private boolean writeWithEvents(
      String id, Bson filter, Instant at, List<PendingEvent> events, Bson... changes) {
    List<Bson> updates = new ArrayList<>(List.of(changes));
    updates.add(Updates.pushEach(Outbox.FIELD, outbox.entries(id, at, events)));
    updates.add(Updates.set(TransferDocuments.UPDATED_AT, Date.from(at)));
    boolean written =
        transfers.updateOne(and(eq("_id", id), filter), Updates.combine(updates)).getModifiedCount()
            == 1;
    if (written) {
      outbox.written(source, List.of(id));
    }
    return written;
  }

  /** Adds a decision to the transfer's, which keep the latest {@value #MAX_DECISIONS}. */
  private static Bson pushDecision(Decision decision) {
    return Updates.pushEach(
        TransferDocuments.DECISIONS,
        List.of(TransferDocuments.decision(decision)),
        new PushOptions().slice(-MAX_DECISIONS));
  }

  /** A transfer whose cancellation is under way, who canceled it and when. */
  record Canceling(Transfer transfer, String by, Instant at) {}

  /** The cancellations under way that began before {@code before}. */
  List<Canceling> cancelingSince(Instant before) {
    List<Canceling> found = new ArrayList<>();
    for (Document d : transfers.find(lt(TransferDocuments.CANCELING + ".at", Date.from(before)))) {
      Document canceling = d.get(TransferDocuments.CANCELING, Document.class);
      found.add(
          new Canceling(
              TransferDocuments.fromDocument(d),
              canceling.getString("by"),
              canceling.getDate("at").toInstant()));
    }
    return found;
  }

  /** The ids of the transfers in progress, for the recount. */
  List<String> inProgressIds() {
    List<String> ids = new ArrayList<>();
    transfers
        .find(inProgress())
        .projection(new Document("_id", 1))
        .forEach(d -> ids.add(d.getString("_id")));
    return ids;
  }

  private static Bson inProgress() {
    return and(
        eq(TransferDocuments.STATUS, TransferStatus.IN_PROGRESS.name()),
        exists(TransferDocuments.PENDING_DECISION, false));
  }

  /** A transfer with the decision under way on it. */
  record Unfinished(Transfer transfer, PendingDecision decision) {}

  /** The decisions under way that began before {@code before}, with their transfers. */
  List<Unfinished> decisionsSince(Instant before) {
    List<Unfinished> found = new ArrayList<>();
    for (Document d :
        transfers.find(lt(TransferDocuments.PENDING_DECISION + ".at", Date.from(before)))) {
      found.add(
          new Unfinished(
              TransferDocuments.fromDocument(d),
              TransferDocuments.pendingFrom(
                  d.get(TransferDocuments.PENDING_DECISION, Document.class))));
    }
    return found;
  }

  /** A page of transfers, newest first. */
  List<Transfer> page(Filter filter, int page, int size) {
    List<Transfer> found = new ArrayList<>();
    for (Document d :
        transfers
            .find(bson(filter))
            .sort(Sorts.descending(TransferDocuments.CREATED_AT, "_id"))
            .skip(page * size)
            .limit(size)) {
      found.add(TransferDocuments.fromDocument(d));
    }
    return found;
  }

  long count(Filter filter) {
    return transfers.countDocuments(bson(filter));
  }

  /**
   * What a list of transfers is narrowed to; each part is optional.
   *
   * @param productName part of the product's name, any case
   */
  record Filter(
      @Nullable TransferStatus status, @Nullable String productName, @Nullable String productKey) {}

  private static Bson bson(Filter f) {
    List<Bson> parts = new ArrayList<>();
    parts.add(shown());
    if (f.status() != null) {
      parts.add(eq(TransferDocuments.STATUS, f.status().name()));
    }
    if (f.productName() != null) {
      parts.add(
          regex(
              "productName",
              Pattern.compile(Pattern.quote(f.productName()), Pattern.CASE_INSENSITIVE)));
    }
    if (f.productKey() != null) {
      parts.add(eq("productKey", f.productKey()));
    }
    return and(parts);
  }

  private static Bson shown() {
    return ne(TransferDocuments.RECEIVING, true);
  }
}
