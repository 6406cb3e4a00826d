package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p><b>Bulk imports</b> are counted per chunk rather than per device ({@link #applyChunk}): the
 * bucket records {@code chunks: {<chunkId>: true}} instead of an {@code applied} entry per device,
 * which keeps a 1,000,000-device import at a few thousand updates.
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
  private static final String CHUNKS = "chunks";

  private final MongoCollection<Document> collection;

  /** Ids of counter documents known to exist (they are never removed). */
  private final Set<String> existing = ConcurrentHashMap.newKeySet();

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
    Bson filter = countFilter(id, change);
    Bson update = countUpdate(change);
    if (collection.updateOne(filter, update).getMatchedCount() == 1) {
      return true;
    }
    // either counted already, or the bucket's document does not exist yet
    if (collection.find(eq("_id", id)).projection(Projections.include("_id")).first() != null) {
      return false;
    }
    try {
      collection.insertOne(newBucket(id, device.productKey(), change.module(), bucket));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    return collection.updateOne(filter, update).getMatchedCount() == 1;
  }

  /**
   * Counts the versions of the devices one bulk import chunk registered, once however often it is
   * called: with one update per counter document the chunk touches, which sums the chunk's devices
   * of that bucket into one {@code $inc} and marks the chunk counted there ({@code
   * chunks.<chunkId>}), filtered on that mark not being set. The devices' own {@code applied}
   * entries are left alone: a chunk's changes are all first versions, counted by the chunk's mark,
   * and a later change of such a device is counted by its own event as any other. The updates go in
   * one unordered bulk write; each is atomic by itself.
   *
   * @param changes the chunk's changes, all from no version, of devices the chunk stored
   */
  void applyChunk(String chunkId, Collection<VersionChange> changes) {
    Map<String, Map<String, Long>> byBucket = new LinkedHashMap<>();
    Map<String, VersionChange> sample = new HashMap<>();
    for (VersionChange change : changes) {
      DeviceId device = change.device();
      String id = id(device.productKey(), change.module(), bucket(device.deviceName()));
      byBucket
          .computeIfAbsent(id, b -> new HashMap<>())
          .merge(COUNTS + "." + key(change.toVersion()), 1L, Long::sum);
      sample.putIfAbsent(id, change);
    }
    if (byBucket.isEmpty()) {
      return;
    }
    createMissing(sample);
    String mark = CHUNKS + "." + key(chunkId);
    List<UpdateOneModel<Document>> updates = new ArrayList<>(byBucket.size());
    byBucket.forEach(
        (id, increments) -> {
          List<Bson> update = new ArrayList<>();
          increments.forEach((field, n) -> update.add(Updates.inc(field, n)));
          update.add(Updates.set(mark, true));
          updates.add(
              new UpdateOneModel<>(and(eq("_id", id), ne(mark, true)), Updates.combine(update)));
        });
    collection.bulkWrite(updates, new BulkWriteOptions().ordered(false));
  }

  /**
   * {@link #apply} for many changes in one ordered bulk write: in the order given, which must be
   * the order the changes were made in, so that a device's older change is never counted after a
   * newer one (see the class comment). Each update is the same conditional single-document update
   * as {@code apply}'s, so a change counted already matches nothing.
   */
  void applyAll(List<VersionChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Map<String, VersionChange> byId = new HashMap<>();
    List<UpdateOneModel<Document>> updates = new ArrayList<>(changes.size());
    for (VersionChange change : changes) {
      DeviceId device = change.device();
      String id = id(device.productKey(), change.module(), bucket(device.deviceName()));
      byId.putIfAbsent(id, change);
      updates.add(new UpdateOneModel<>(countFilter(id, change), countUpdate(change)));
    }
    createMissing(byId);
    collection.bulkWrite(updates, new BulkWriteOptions().ordered(true));
  }

  /** Matches the change's counter document unless it counted the change already. */
  private static Bson countFilter(String id, VersionChange change) {
    return and(
        eq("_id", id), notCounted(APPLIED + "." + key(change.device().deviceName()), change));
  }

  /** Moves one device from the old version to the new and records the change as its last. */
  private static Bson countUpdate(VersionChange change) {
    List<Bson> updates = new ArrayList<>();
    updates.add(Updates.inc(COUNTS + "." + key(change.toVersion()), 1L));
    if (change.fromVersion() != null) {
      updates.add(Updates.inc(COUNTS + "." + key(change.fromVersion()), -1L));
    }
    updates.add(Updates.set(APPLIED + "." + key(change.device().deviceName()), change.eventId()));
    return Updates.combine(updates);
  }

  /**
   * Creates the counter documents of these ids that do not exist yet. Counter documents are never
   * removed, so those seen once are remembered and not looked up again.
   */
  private void createMissing(Map<String, VersionChange> byId) {
    Set<String> missing = new HashSet<>(byId.keySet());
    missing.removeAll(existing);
    if (missing.isEmpty()) {
      return;
    }
    collection
        .find(in("_id", List.copyOf(missing)))
        .projection(Projections.include("_id"))
        .forEach(found -> missing.remove(found.getString("_id")));
    for (String id : missing) {
      VersionChange change = byId.get(id);
      try {
        collection.insertOne(
            newBucket(
                id,
                change.device().productKey(),
                change.module(),
                bucket(change.device().deviceName())));
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
    }
    existing.addAll(byId.keySet());
  }

  /**
   * Whether the change is not counted yet, from the device's {@code applied} entry: for a first
   * version of the module (no version before), that the device has no entry at all, as every later
   * change of the module is only made once this one was counted; so it holds even when a stale
   * caller comes to count a registration after the device's next change was counted. For a later
   * change, that the entry is not this change's event.
   */
  private static Bson notCounted(String applied, VersionChange change) {
    return change.fromVersion() == null ? exists(applied, false) : ne(applied, change.eventId());
  }

  private static Document newBucket(String id, String productKey, String module, int bucket) {
    return new Document("_id", id)
        .append("productKey", productKey)
        .append("module", module)
        .append("bucket", bucket)
        .append(COUNTS, new Document())
        .append(APPLIED, new Document())
        .append(CHUNKS, new Document());
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
