package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * A device's {@code totalUpgrades} and {@code totalFailures}, moved by the ends of its upgrade
 * attempts, exactly once each under at-least-once delivery and without transactions.
 *
 * <p>The device document keeps the order key ({@link UpgradeAttempt#orderKey()}) of the last
 * attempt it counted, in {@value #LAST_COUNTED}. Counting is one single-document update that {@code
 * $inc}s the counters and moves that key, filtered on the stored key being absent or lower than the
 * attempt's. The job events of a device arrive in order on one partition, so every new end is
 * higher than the last counted, and any repeat (a re-delivered event, or several of them after a
 * stop before the offsets were committed) is not higher: it matches nothing. No set of counted
 * attempts grows on the device.
 *
 * <p>The key is text rather than the tuple so that the filter is one {@code $lt} on a string, which
 * mongo-java-server and MongoDB compare alike.
 */
@Repository
class UpgradeCounters {

  /** The last attempt counted: {@code key}, and for operators its job, attempt, outcome, time. */
  static final String LAST_COUNTED = "lastCountedAttempt";

  private static final String KEY = LAST_COUNTED + ".key";

  private final MongoCollection<Document> collection;

  UpgradeCounters(MongoCollection<Document> deviceCollection) {
    this.collection = deviceCollection;
  }

  /**
   * Counts the attempt's end on its device, unless the device counted this or a later one.
   *
   * @return whether the counters moved; false also when the device is not stored, and for a
   *     canceled attempt, which counts as neither an upgrade nor a failure
   */
  boolean count(UpgradeAttempt attempt) {
    if (!attempt.isUpgrade()) {
      return false; // a canceled attempt moves no counter, so it needs no key either
    }
    String key = attempt.orderKey();
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.inc("totalUpgrades", 1L));
    if (attempt.isFailure()) {
      updates.add(Updates.inc("totalFailures", 1L));
    }
    updates.add(
        Updates.set(
            LAST_COUNTED,
            new Document("key", key)
                .append("jobId", attempt.jobId())
                .append("attempt", attempt.attempt())
                .append("outcome", attempt.outcome().name())
                .append("at", Date.from(attempt.at()))));
    // a write like any other: whatever another writer decided on the revision it read is decided
    // again, so that no write based on an older read can put back the counters before this one
    updates.add(Updates.inc("revision", 1L));
    return collection
            .updateOne(
                and(eq("_id", attempt.device().value()), or(exists(KEY, false), lt(KEY, key))),
                Updates.combine(updates))
            .getModifiedCount()
        == 1;
  }
}
