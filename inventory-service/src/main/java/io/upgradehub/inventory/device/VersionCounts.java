package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

/**
 * How many devices of a product run each version of a module, kept incrementally: one counter
 * document per product, module and bucket of devices, {@code _id} {@code
 * {productKey}/{module}/{bucket}}, holding {@code counts: {<version>: n}} and {@code applied:
 * {<deviceName>: eventId}}, the id of the last version change of each device of the bucket that was
 * counted. Keys are escaped ({@link #key}): versions and device names may contain '.'.
 *
 * <p><b>Exactly once.</b> A change is counted by ONE update of one document that both {@code $inc}s
 * the counts and records its event id for the device, filtered on {@code applied.<device> != event
 * id}: applying it again matches nothing. Only the device's <em>last</em> change is recorded, which
 * is enough because a device's changes are counted in the order they were made: the device document
 * marks its latest change as pending in the same update that makes it ({@link
 * Devices#applyVersion}) and a newer change of the module is only made after a pending one was
 * counted and cleared. So an older change can never be counted after a newer one.
 *
 * <p><b>Why {@value #BUCKETS} buckets.</b> An {@code applied} entry is about 1 + key (device name,
 * typically 10-20 bytes, at most 64; an escaped '.' is 3 bytes of UTF-8) + 1 + 4 + 36 (the event
 * id) + 1 ≈ 60-110 bytes. One document for a product of 1,000,000 devices would hold 60-110 MB, far
 * over MongoDB's 16 MB limit. Spread over 64 buckets by the name's hash, a bucket holds ~15,600
 * devices, ~1-1.7 MB (under 4 MB even for 64-character names), leaving room for ~9,000,000 devices
 * a product. A query reads the 64 documents by {@code _id} ({@code $in}, served from the {@code
 * _id} index by mongo-java-server too), only their {@code counts}, and sums them: never devices.
 */
@Repository
class VersionCounts {

  /** Buckets per product and module. Part of the stored layout: never change it in place. */
  static final int BUCKETS = 64;

  private static final String COUNTS = "counts";
  private static final String APPLIED = "applied";

  private final MongoCollection<Document> collection;

  VersionCounts(MongoCollection<Document> versionCountCollection) {
    this.collection = versionCountCollection;
  }

  /**
   * Counts a device's version change ({@code from} null: a device with no version before), unless
   * this change was the last one counted for the device already.
   *
   * @return whether it was counted now
   */
  boolean apply(VersionChange change) {
    DeviceId device = change.device();
    int bucket = bucket(device.deviceName());
    String id = id(device.productKey(), change.module(), bucket);
    String applied = APPLIED + "." + key(device.deviceName());
    Bson filter = and(eq("_id", id), ne(applied, change.eventId()));
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.inc(COUNTS + "." + key(change.toVersion()), 1L));
    if (change.fromVersion() != null) {
      updates.add(Updates.inc(COUNTS + "." + key(change.fromVersion()), -1L));
    }
    updates.add(Updates.set(applied, change.eventId()));
    Bson update = Updates.combine(updates);
    if (collection.updateOne(filter, update).getMatchedCount() == 1) {
      return true;
    }
    // either counted already, or the bucket's document does not exist yet
    if (collection.find(eq("_id", id)).projection(Projections.include("_id")).first() != null) {
      return false;
    }
    try {
      collection.insertOne(
          new Document("_id", id)
              .append("productKey", device.productKey())
              .append("module", change.module())
              .append("bucket", bucket)
              .append(COUNTS, new Document())
              .append(APPLIED, new Document()));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    return collection.updateOne(filter, update).getMatchedCount() == 1;
  }

  /** The number of devices per version of the product's module; versions with none left out. */
  Map<String, Long> counts(String productKey, String module) {
    List<String> ids = new ArrayList<>(BUCKETS);
    for (int bucket = 0; bucket < BUCKETS; bucket++) {
      ids.add(id(productKey, module, bucket));
    }
    Map<String, Long> counts = new TreeMap<>();
    for (Document bucket :
        collection.find(in("_id", ids)).projection(Projections.include(COUNTS))) {
      Document stored = bucket.get(COUNTS, new Document());
      stored.forEach(
          (version, n) -> counts.merge(unkey(version), ((Number) n).longValue(), Long::sum));
    }
    counts.values().removeIf(n -> n <= 0);
    return counts;
  }

  static int bucket(String deviceName) {
    return Math.floorMod(deviceName.hashCode(), BUCKETS);
  }

  private static String id(String productKey, String module, int bucket) {
    return productKey + "/" + module + "/" + bucket;
  }

  /**
   * A version or device name as a field name: '.' and '$' are not allowed there, so they become the
   * full-width '．' and '＄', which neither a version nor a device name may contain: reversible.
   */
  static String key(String value) {
    return value.replace('.', '\uFF0E').replace('$', '\uFF04');
  }

  static String unkey(String key) {
    return key.replace('\uFF0E', '.').replace('\uFF04', '$');
  }
}
