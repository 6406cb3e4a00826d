package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import io.upgradehub.inventory.system.Page;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * The upgrade log of every device, one document per entry: a version change addressed by the id of
 * the event that caused it, the end of an upgrade attempt by the attempt ({@link
 * UpgradeAttempt#logId()}). Writing an entry twice (a re-delivered event) is one entry.
 */
@Repository
class UpgradeLog {

  private static final String DEVICE = "device";
  private static final String AT = "at";

  private final MongoCollection<Document> collection;

  UpgradeLog(MongoCollection<Document> upgradeLogCollection) {
    this.collection = upgradeLogCollection;
    // what a real MongoDB needs for a device's log, newest first; the embedded server scans
    collection.createIndex(
        Indexes.compoundIndex(Indexes.ascending(DEVICE), Indexes.descending(AT, "_id")));
  }

  /** Records a version change; a change already recorded (same event id) is left as it is. */
  void record(VersionChange change) {
    insertOnce(entry(change));
  }

  /**
   * {@link #record} for many changes in one unordered bulk insert; entries recorded already are
   * left as they are and the others are all written.
   */
  void recordAll(List<VersionChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    try {
      collection.insertMany(
          changes.stream().map(UpgradeLog::entry).toList(), new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
      // the others were written: an unordered insert goes on past a duplicate
    }
  }

  private static Document entry(VersionChange change) {
    return new Document("_id", change.eventId())
        .append(DEVICE, change.device().value())
        .append(AT, Date.from(change.at()))
        .append("kind", UpgradeLogEntry.VERSION_CHANGED)
        .append("module", change.module())
        .append("fromVersion", change.fromVersion())
        .append("toVersion", change.toVersion());
  }

  /** Records the end of an upgrade attempt; one already recorded is left as it is. */
  void record(UpgradeAttempt attempt) {
    Document entry =
        new Document("_id", attempt.logId())
            .append(DEVICE, attempt.device().value())
            .append(AT, Date.from(attempt.at()))
            .append("kind", attempt.kind())
            .append("module", attempt.module())
            .append("fromVersion", attempt.fromVersion())
            .append("toVersion", attempt.toVersion())
            .append("jobId", attempt.jobId())
            .append("batchId", attempt.batchId())
            .append("packageId", attempt.packageId())
            .append("attempt", attempt.attempt())
            .append("failureCode", attempt.failureCode())
            .append("description", attempt.description());
    insertOnce(entry);
  }

  private void insertOnce(Document entry) {
    try {
      collection.insertOne(entry);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // already logged: the event was delivered again
    }
  }

  /** A page of one device's log, newest first, with the total number of entries. */
  Page<UpgradeLogEntry> page(DeviceId device, int page, int size) {
    Bson filter = eq(DEVICE, device.value());
    List<UpgradeLogEntry> items =
        collection
            .find(filter)
            .sort(Sorts.descending(AT, "_id"))
            .skip(page * size)
            .limit(size)
            .map(
                d ->
                    new UpgradeLogEntry(
                        d.getDate(AT).toInstant(),
                        d.getString("kind"),
                        d.getString("module"),
                        d.getString("fromVersion"),
                        d.getString("toVersion"),
                        d.getString("jobId"),
                        d.getString("batchId"),
                        d.getString("packageId"),
                        d.getInteger("attempt"),
                        d.getInteger("failureCode"),
                        d.getString("description")))
            .into(new ArrayList<>());
    return new Page<>(items, page, size, collection.countDocuments(filter));
  }
}
