package io.upgradehub.notification.delivery;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.upgradehub.notification.webhook.MessageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The delivery records (collection {@code records}, {@code _id} = message id). A record carries its
 * own schedule: {@code nextAttemptAt} while an attempt is to come, and {@code leaseUntil} while an
 * instance holds it for one, so that a record whose instance stopped is taken again (at least once)
 * and no two instances attempt it at once.
 */
@Repository
class DeliveryRecords {

  private static final String LEASE = "leaseUntil";
  private static final String NEXT = "nextAttemptAt";
  private static final int UPCOMING_BATCH = 1000;

  private final MongoCollection<Document> records;

  DeliveryRecords(MongoCollection<Document> recordCollection) {
    this.records = recordCollection;
  }

  /**
   * Stores new records, those that {@code held} selects held by this instance until {@code
   * leaseUntil} for their first attempt, the others left to the sweep.
   *
   * @return the records stored; one whose id is stored already (a repeated event) is left out
   */
  List<DeliveryRecord> insertNew(
      List<DeliveryRecord> batch, Instant leaseUntil, Predicate<DeliveryRecord> held) {
    if (batch.isEmpty()) {
      return List.of();
    }
    List<Document> documents = new ArrayList<>(batch.size());
    for (DeliveryRecord r : batch) {
      Document d = toDocument(r);
      documents.add(held.test(r) ? d.append(LEASE, Date.from(leaseUntil)) : d);
    }
    Set<Integer> duplicates = new HashSet<>();
    try {
      records.insertMany(documents, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        duplicates.add(error.getIndex());
      }
    }
    List<DeliveryRecord> stored = new ArrayList<>(batch.size() - duplicates.size());
    for (int i = 0; i < batch.size(); i++) {
      if (!duplicates.contains(i)) {
        stored.add(batch.get(i));
      }
    }
    return stored;
  }

  Optional<DeliveryRecord> find(String id) {
    return Optional.ofNullable(records.find(eq("_id", id)).first())
        .map(DeliveryRecords::fromDocument);
  }

  /**
   * Claims up to {@code limit} of the notification's records whose attempt is due and that no
   * instance holds, holding each until {@code leaseUntil}.
   */
  List<DeliveryRecord> claimDue(String notificationId, Instant now, Instant leaseUntil, int limit) {
    Bson due = and(eq("notificationId", notificationId), toAttempt(now), free(now));
    List<String> ids = new ArrayList<>();
    // a cursor closed after the first batch rather than a limit: a store that scans for this query
    // streams it and lets writes in meanwhile (the in-memory MongoDB of the tests and benchmarks)
    try (MongoCursor<Document> found =
        records.find(due).projection(new Document("_id", 1)).batchSize(limit).cursor()) {
      while (ids.size() < limit && found.hasNext()) {
        ids.add(found.next().getString("_id"));
      }
    }
    List<DeliveryRecord> claimed = new ArrayList<>(ids.size());
    for (String id : ids) {
      Document d =
          records.findOneAndUpdate(
              and(eq("_id", id), due),
              Updates.set(LEASE, Date.from(leaseUntil)),
              new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
      if (d != null) {
        claimed.add(fromDocument(d));
      }
    }
    return claimed;
  }

  /**
   * Tells {@code found} of every record with an attempt to come that any instance may take by
   * {@code until}, with when: its attempt's time, or when the lease of the instance holding it
   * ends. Records of {@code skip}'s notifications are left out.
   */
  void upcoming(Instant until, Collection<String> skip, BiConsumer<String, Instant> found) {
    Bson coming = and(toAttempt(until), free(until));
    Bson filter = skip.isEmpty() ? coming : and(coming, nin("notificationId", skip));
    Document fields =
        new Document("_id", 0).append("notificationId", 1).append(NEXT, 1).append(LEASE, 1);
    for (Document d : records.find(filter).projection(fields).batchSize(UPCOMING_BATCH)) {
      Date next = d.getDate(NEXT);
      Date lease = d.getDate(LEASE);
      Date at = lease != null && lease.after(next) ? lease : next;
      found.accept(d.getString("notificationId"), at.toInstant());
    }
  }

  /** An attempt is to come by {@code at}. */
  private static Bson toAttempt(Instant at) {
    return and(
        in("status", DeliveryStatus.PENDING.name(), DeliveryStatus.RETRYING.name()),
        lte(NEXT, Date.from(at)));
  }

  /** No instance holds the record at {@code at}. */
  private static Bson free(Instant at) {
    return or(exists(LEASE, false), eq(LEASE, null), lt(LEASE, Date.from(at)));
  }

  /** Gives up this instance's hold of a record that it could not queue: the sweep takes it. */
  void release(String id) {
    records.updateOne(eq("_id", id), Updates.unset(LEASE));
  }

  /** Stores the outcomes of attempts, each letting its record go, in one unordered bulk write. */
  void attempted(List<Outcomes.Outcome> outcomes) {
    List<WriteModel<Document>> writes = new ArrayList<>(outcomes.size());
    for (Outcomes.Outcome o : outcomes) {
      writes.add(new UpdateOneModel<>(eq("_id", o.id()), update(o.attempt())));
    }
    records.bulkWrite(writes, new BulkWriteOptions().ordered(false));
  }

  private static Bson update(Attempt attempt) {
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.set("status", attempt.status().name()));
    updates.add(Updates.inc("attempts", 1));
    updates.add(Updates.set("lastAttemptAt", Date.from(attempt.at())));
    updates.add(Updates.set("lastStatusCode", attempt.statusCode()));
    updates.add(Updates.set("lastError", attempt.error()));
    updates.add(Updates.set(NEXT, attempt.nextAt() == null ? null : Date.from(attempt.nextAt())));
    if (attempt.status() == DeliveryStatus.DELIVERED) {
      updates.add(Updates.set("deliveredAt", Date.from(attempt.at())));
    }
    updates.add(Updates.unset(LEASE));
    return Updates.combine(updates);
  }

  /**
   * Ends a record without an attempt: its notification is gone or disabled.
   *
   * @param why stored as the record's last error
   */
  void fail(String id, String why, Instant now) {
    records.updateOne(
        eq("_id", id),
        Updates.combine(
            Updates.set("status", DeliveryStatus.FAILED.name()),
            Updates.set("lastError", why),
            Updates.set(NEXT, null),
            Updates.set("lastAttemptAt", Date.from(now)),
            Updates.unset(LEASE)));
  }

  /**
   * Schedules a record again from its first attempt, held by this instance until {@code
   * leaseUntil}.
   *
   * @return the record as replayed; empty when no such record of that notification exists
   */
  Optional<DeliveryRecord> replay(
      String notificationId, String id, Instant now, Instant leaseUntil) {
    Document d =
        records.findOneAndUpdate(
            and(eq("_id", id), eq("notificationId", notificationId)),
            Updates.combine(
                Updates.set("status", DeliveryStatus.PENDING.name()),
                Updates.set("attempts", 0),
                Updates.set(NEXT, Date.from(now)),
                Updates.set(LEASE, Date.from(leaseUntil)),
                Updates.inc("replays", 1)),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    return Optional.ofNullable(d).map(DeliveryRecords::fromDocument);
  }

  /** A page of a notification's records, newest first. */
  List<DeliveryRecord> page(RecordFilter filter, int page, int size) {
    List<DeliveryRecord> found = new ArrayList<>();
    for (Document d :
        records
            .find(bson(filter))
            .sort(Sorts.descending("createdAt", "_id"))
            .skip(page * size)
            .limit(size)) {
      found.add(fromDocument(d));
    }
    return found;
  }

  long count(RecordFilter filter) {
    return records.countDocuments(bson(filter));
  }

  private static Bson bson(RecordFilter f) {
    List<Bson> parts = new ArrayList<>();
    parts.add(eq("notificationId", f.notificationId()));
    if (f.packageName() != null) {
      parts.add(
          regex(
              "packageName",
              Pattern.compile(Pattern.quote(f.packageName()), Pattern.CASE_INSENSITIVE)));
    }
    if (f.status() != null) {
      parts.add(eq("status", f.status().name()));
    }
    if (f.messageType() != null) {
      parts.add(eq("messageType", f.messageType().name()));
    }
    if (f.batchId() != null) {
      parts.add(eq("batchId", f.batchId()));
    }
    return and(parts);
  }

  private static Document toDocument(DeliveryRecord r) {
    return new Document("_id", r.id())
        .append("notificationId", r.notificationId())
        .append("messageType", r.messageType().name())
        .append("packageId", r.packageId())
        .append("packageName", r.packageName())
        .append("batchId", r.batchId())
        .append("deviceName", r.deviceName())
        .append("body", r.body())
        .append("createdAt", Date.from(r.createdAt()))
        .append("status", r.status().name())
        .append("attempts", r.attempts())
        .append("lastAttemptAt", date(r.lastAttemptAt()))
        .append(NEXT, date(r.nextAttemptAt()))
        .append("lastStatusCode", r.lastStatusCode())
        .append("lastError", r.lastError())
        .append("deliveredAt", date(r.deliveredAt()))
        .append("replays", r.replays());
  }

  private static DeliveryRecord fromDocument(Document d) {
    return new DeliveryRecord(
        d.getString("_id"),
        d.getString("notificationId"),
        MessageType.valueOf(d.getString("messageType")),
        d.getString("packageId"),
        d.getString("packageName"),
        d.getString("batchId"),
        d.getString("deviceName"),
        d.getString("body"),
        d.getDate("createdAt").toInstant(),
        DeliveryStatus.valueOf(d.getString("status")),
        d.getInteger("attempts", 0),
        instant(d.getDate("lastAttemptAt")),
        instant(d.getDate(NEXT)),
        d.getInteger("lastStatusCode"),
        d.getString("lastError"),
        instant(d.getDate("deliveredAt")),
        d.getInteger("replays", 0));
  }

  private static @Nullable Date date(@Nullable Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static @Nullable Instant instant(@Nullable Date date) {
    return date == null ? null : date.toInstant();
  }
}
