package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.upgradehub.inventory.system.ErrorCode;
import io.upgradehub.inventory.system.Page;
import io.upgradehub.problems.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Devices in MongoDB, one document each, addressed by {@link DeviceId#value()} as {@code _id}: the
 * name is unique per product without a second unique index, and every per-device read or write (a
 * registration, later each device event) is an {@code _id} lookup, which never scans.
 */
@Repository
class Devices {

  private static final int MAX_ATTEMPTS = 10;
  private static final String VERSIONS = "versions";
  private static final String VERSION = "version";
  private static final String UPDATED_AT = "updatedAt";
  private static final String REPORTED_AT = "reportedAt";
  private static final String EVENT_ID = "eventId";
  private static final String PREVIOUS_VERSION = "previousVersion";
  private static final String REVISION = "revision";
  private static final String CONNECTION_AT = "connectionAt";
  private static final String PENDING = "pending";

  /** When a module's change was marked pending, by this service's clock. */
  private static final String PENDING_SINCE = "pendingSince";

  /**
   * The modules of a device whose last change is pending, kept beside each module's own mark in the
   * same single-document updates: a field a (multikey) index can serve, so that the sweep of
   * pending changes finds them without reading every device on a real MongoDB.
   */
  private static final String PENDING_MODULES = "pendingModules";

  /**
   * The chunk ({@link DeviceRegistration}) that registered the device, absent for any other
   * registration.
   */
  private static final String REGISTERED_BY = "registeredBy";

  /** What {@link #readAll} answers for a device that is not stored. */
  static final Document NOT_STORED = new Document();

  private final MongoCollection<Document> collection;

  Devices(MongoCollection<Document> deviceCollection) {
    this.collection = deviceCollection;
    // what a real MongoDB needs for a product's device list (newest first) and name search;
    // the embedded server ignores non-unique indexes and scans
    collection.createIndex(
        Indexes.compoundIndex(
            Indexes.ascending(DeviceDocuments.PRODUCT_KEY),
            Indexes.descending(DeviceDocuments.CREATED_AT, "_id")));
    collection.createIndex(
        Indexes.ascending(DeviceDocuments.PRODUCT_KEY, DeviceDocuments.DEVICE_NAME));
    collection.createIndex(Indexes.ascending(PENDING_MODULES));
  }

  /**
   * Stores a newly registered device; each version it declares is a change from no version under
   * {@code eventId}, marked pending until it was counted in the version distribution.
   *
   * @throws ApiException {@code DEVICE_ALREADY_EXISTS} when the product has a device of that name
   */
  void insert(Device device, String eventId) {
    try {
      collection.insertOne(registered(device, eventId));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new ApiException(
            ErrorCode.DEVICE_ALREADY_EXISTS,
            "Product '"
                + device.id().productKey()
                + "' already has a device named '"
                + device.id().deviceName()
                + "'");
      }
      throw e;
    }
  }

  /**
   * Stores devices registered together as one chunk ({@link DeviceRegistration}) in one unordered
   * bulk insert. Unlike {@link #insert}, their versions are not marked pending on each device: the
   * chunk is counted as a whole ({@link ImportChunks}), and each device records the chunk's id as
   * {@code registeredBy} (and as each module's event id), so that a chunk left uncounted can tell
   * which of its devices it stored. A device whose name its product has already is not stored.
   *
   * @return the positions in {@code devices} of those not stored because their name was taken
   */
  Set<Integer> insertChunk(List<Device> devices, String chunkId) {
    if (devices.isEmpty()) {
      return Set.of();
    }
    List<Document> documents = new ArrayList<>(devices.size());
    for (Device device : devices) {
      Document document = DeviceDocuments.toDocument(device).append(REGISTERED_BY, chunkId);
      document
          .get(VERSIONS, Document.class)
          .values()
          .forEach(
              module ->
                  ((Document) module).append(EVENT_ID, chunkId).append(PREVIOUS_VERSION, null));
      documents.add(document);
    }
    try {
      collection.insertMany(documents, new InsertManyOptions().ordered(false));
      return Set.of();
    } catch (MongoBulkWriteException e) {
      Set<Integer> taken = new HashSet<>();
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        taken.add(error.getIndex());
      }
      return taken;
    }
  }

  /** Which of these devices the chunk {@code chunkId} stored. */
  Set<DeviceId> registeredBy(String chunkId, Collection<DeviceId> ids) {
    Set<DeviceId> stored = new HashSet<>();
    collection
        .find(
            and(in("_id", ids.stream().map(DeviceId::value).toList()), eq(REGISTERED_BY, chunkId)))
        .projection(
            new Document(DeviceDocuments.PRODUCT_KEY, 1).append(DeviceDocuments.DEVICE_NAME, 1))
        .forEach(
            d ->
                stored.add(
                    new DeviceId(
                        d.getString(DeviceDocuments.PRODUCT_KEY),
                        d.getString(DeviceDocuments.DEVICE_NAME))));
    return stored;
  }

  /** A new device's document: its versions are changes from none, pending until counted. */
  private static Document registered(Device device, String eventId) {
    Document document = DeviceDocuments.toDocument(device);
    Document versions = document.get(VERSIONS, Document.class);
    versions
        .values()
        .forEach(
            module ->
                ((Document) module)
                    .append(EVENT_ID, eventId)
                    .append(PREVIOUS_VERSION, null)
                    .append(PENDING, true)
                    .append(PENDING_SINCE, Date.from(device.createdAt())));
    if (!versions.isEmpty()) {
      document.append(PENDING_MODULES, new ArrayList<>(versions.keySet()));
    }
    return document;
  }

  /**
   * Applies a device's report of the version a module runs, and answers the change it made, if any.
   * A report not newer than the last one applied for the module changes nothing; a report of the
   * version the module already runs only moves the module's last report time. A device not yet
   * stored is registered with this version (the caller checked its product and module).
   *
   * <p>Each change is one single-document update conditional on the revision that was read, so it
   * is atomic without transactions; when another write came in between it is read and decided
   * again. The module keeps the id of the event that last changed it and the version before, so
   * that when that event is delivered again (say the service stopped between this update and the
   * upgrade log entry) the same change is answered again and the missing entry is written.
   *
   * <p>The same update marks the change {@code pending} until it was counted in the version
   * distribution ({@link VersionCounting}). A pending change of another event found on the module
   * is handed to {@code settle} (which counts it and clears the mark) before this report is
   * decided, so a module's changes are always counted in the order they were made, the last one
   * last.
   *
   * <p>It may decide first on {@code read}, the device as read a moment ago ({@link #readAll}),
   * instead of reading it again; a read another write overtook meanwhile only costs a second
   * decision, as the update is conditional on the revision read.
   *
   * @param read the device's document as read, {@link #NOT_STORED} when it was not stored, null to
   *     read it now
   * @return the change to log, empty when the version did not change
   * @throws IllegalStateException when the device kept changing under {@value #MAX_ATTEMPTS} reads
   */
  Optional<VersionChange> applyVersion(
      DeviceId id,
      String module,
      String version,
      Instant reportedAt,
      String eventId,
      Instant now,
      Consumer<VersionChange> settle,
      @Nullable Document read) {
    String field = VERSIONS + "." + module;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document stored =
          attempt == 0 && read != null
              ? (read == NOT_STORED ? null : read)
              : collection.find(eq("_id", id.value())).first();
      if (stored == null) {
        Document device =
            DeviceDocuments.toDocument(Device.register(id, Map.of(), now))
                .append(
                    VERSIONS,
                    new Document(module, moduleVersion(version, reportedAt, eventId, null, now)))
                .append(PENDING_MODULES, List.of(module));
        try {
          collection.insertOne(device);
          return Optional.of(new VersionChange(eventId, id, module, null, version, reportedAt));
        } catch (MongoWriteException e) {
          if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
            throw e;
          }
          continue; // registered meanwhile: decide again on what is stored
        }
      }
      Document current = stored.get(VERSIONS, new Document()).get(module, Document.class);
      if (current != null
          && current.getBoolean(PENDING, false)
          && !eventId.equals(current.getString(EVENT_ID))) {
        settle.accept(
            new VersionChange(
                current.getString(EVENT_ID),
                id,
                module,
                current.getString(PREVIOUS_VERSION),
                current.getString(VERSION),
                current.getDate(UPDATED_AT).toInstant()));
        continue; // decide again on what is stored now
      }
      Document update;
      Optional<VersionChange> change;
      if (current == null) {
        update = moduleVersion(version, reportedAt, eventId, null, now);
        change = Optional.of(new VersionChange(eventId, id, module, null, version, reportedAt));
      } else {
        Date lastReport =
            current.getDate(REPORTED_AT) != null
                ? current.getDate(REPORTED_AT)
                : current.getDate(UPDATED_AT);
        if (!lastReport.toInstant().isBefore(reportedAt)) {
          // a repeated or older report; when it is the one that made the current version, its
          // change may not have been logged yet
          return eventId.equals(current.getString(EVENT_ID))
              ? Optional.of(
                  new VersionChange(
                      eventId,
                      id,
                      module,
                      current.getString(PREVIOUS_VERSION),
                      current.getString(VERSION),
                      current.getDate(UPDATED_AT).toInstant()))
              : Optional.empty();
        }
        String from = current.getString(VERSION);
        if (version.equals(from)) {
          update = new Document(current).append(REPORTED_AT, Date.from(reportedAt));
          change = Optional.empty();
        } else {
          update = moduleVersion(version, reportedAt, eventId, from, now);
          change = Optional.of(new VersionChange(eventId, id, module, from, version, reportedAt));
        }
      }
      List<Bson> updates = new ArrayList<>();
      updates.add(Updates.set(field, update));
      updates.add(Updates.inc(REVISION, 1L));
      if (update.getBoolean(PENDING, false)) {
        updates.add(Updates.addToSet(PENDING_MODULES, module));
      }
      UpdateResult result =
          collection.updateOne(
              and(eq("_id", id.value()), eq(REVISION, stored.get(REVISION))),
              Updates.combine(updates));
      if (result.getMatchedCount() == 1) {
        return change;
      }
    }
    throw new IllegalStateException(
        "device " + id + " changed under " + MAX_ATTEMPTS + " attempts to apply a version");
  }

  /**
   * The documents of these devices in one query, {@link #NOT_STORED} for those not stored: a poll
   * of reports reads its devices once instead of once a report.
   */
  Map<DeviceId, Document> readAll(Collection<DeviceId> ids) {
    Map<DeviceId, Document> read = new HashMap<>();
    ids.forEach(id -> read.put(id, NOT_STORED));
    if (!ids.isEmpty()) {
      collection
          .find(in("_id", ids.stream().map(DeviceId::value).distinct().toList()))
          .forEach(
              d ->
                  read.put(
                      new DeviceId(
                          d.getString(DeviceDocuments.PRODUCT_KEY),
                          d.getString(DeviceDocuments.DEVICE_NAME)),
                      d));
    }
    return read;
  }

  /**
   * Clears the module's pending change once it was counted, when it is still this event's; a write
   * like any other (the revision moves), so a concurrent decision is made again.
   */
  void settled(DeviceId id, String module, String eventId) {
    collection.updateOne(pendingChange(id, module, eventId), cleared(module));
  }

  /** The device, while its module's pending change is still this event's. */
  private static Bson pendingChange(DeviceId id, String module, String eventId) {
    String field = VERSIONS + "." + module;
    return and(
        eq("_id", id.value()),
        eq(field + "." + EVENT_ID, eventId),
        eq(field + "." + PENDING, true));
  }

  /**
   * {@link #settled} for many changes in one unordered bulk write: each clear is a single-document
   * update by itself, conditional as there, so their order does not matter.
   */
  void settledAll(List<VersionChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<UpdateOneModel<Document>> updates = new ArrayList<>(changes.size());
    for (VersionChange change : changes) {
      updates.add(
          new UpdateOneModel<>(
              pendingChange(change.device(), change.module(), change.eventId()),
              cleared(change.module())));
    }
    collection.bulkWrite(updates, new BulkWriteOptions().ordered(false));
  }

  private static Bson cleared(String module) {
    return Updates.combine(
        Updates.unset(VERSIONS + "." + module + "." + PENDING),
        Updates.pull(PENDING_MODULES, module),
        Updates.inc(REVISION, 1L));
  }

  /**
   * Hands every change marked pending before {@code markedBefore} to {@code action}, device by
   * device. A younger mark is left to the report that made it, which counts it at the end of its
   * poll: counting it here too could race with that device's next change (a stale count of an older
   * change after a newer one was counted). A module listed as pending whose own mark is gone
   * (written by no code path, but cheap to repair) is taken off the list.
   *
   * <p>Finds the devices through {@code pendingModules}, which an index serves on a real MongoDB;
   * mongo-java-server scans the collection for it, fine for a sweep in the background.
   */
  void forEachPending(Instant markedBefore, Consumer<VersionChange> action) {
    for (Document found :
        collection.find(gt(PENDING_MODULES, "")).projection(new Document("_id", 1))) {
      settlePending(found.getString("_id"), markedBefore, action);
    }
  }

  /**
   * Reads the device again right before its pending changes are handed on, so that what is counted
   * is as fresh as a report's own read of the device.
   */
  private void settlePending(
      String deviceId, Instant markedBefore, Consumer<VersionChange> action) {
    Document stored = collection.find(eq("_id", deviceId)).first();
    if (stored == null) {
      return;
    }
    DeviceId id =
        new DeviceId(
            stored.getString(DeviceDocuments.PRODUCT_KEY),
            stored.getString(DeviceDocuments.DEVICE_NAME));
    Document versions = stored.get(VERSIONS, new Document());
    for (String module : stored.getList(PENDING_MODULES, String.class, List.of())) {
      Document current = versions.get(module, Document.class);
      if (current != null && current.getBoolean(PENDING, false)) {
        Date since = current.getDate(PENDING_SINCE);
        if (since != null && !since.toInstant().isBefore(markedBefore)) {
          continue; // still being counted by the report that made it, most likely
        }
        action.accept(
            new VersionChange(
                current.getString(EVENT_ID),
                id,
                module,
                current.getString(PREVIOUS_VERSION),
                current.getString(VERSION),
                current.getDate(UPDATED_AT).toInstant()));
      } else {
        collection.updateOne(
            and(eq("_id", id.value()), ne(VERSIONS + "." + module + "." + PENDING, true)),
            Updates.combine(Updates.pull(PENDING_MODULES, module), Updates.inc(REVISION, 1L)));
      }
    }
  }

  /**
   * Applies a connect or a disconnect in one conditional update: a connect applies only when it is
   * newer than the last connect or disconnect applied, a disconnect when it is not older (the
   * disconnect of a connection carries that connection's time), so a late will of an earlier
   * connection never takes a reconnected device offline. {@code lastSeenAt} only moves forward.
   *
   * @return whether the device changed; false also for a device that is not stored
   */
  boolean applyConnection(DeviceId id, boolean online, Instant reportedAt, Instant receivedAt) {
    Date at = Date.from(reportedAt);
    Bson newer =
        online
            ? or(exists(CONNECTION_AT, false), eq(CONNECTION_AT, null), lt(CONNECTION_AT, at))
            : or(exists(CONNECTION_AT, false), eq(CONNECTION_AT, null), lte(CONNECTION_AT, at));
    UpdateResult result =
        collection.updateOne(
            and(eq("_id", id.value()), newer),
            Updates.combine(
                Updates.set("online", online),
                Updates.set(CONNECTION_AT, at),
                Updates.max("lastSeenAt", Date.from(receivedAt)),
                Updates.inc(REVISION, 1L)));
    return result.getModifiedCount() == 1;
  }

  /**
   * Registers a device without versions unless it is stored already.
   *
   * @return whether it was registered now
   */
  boolean registerIfAbsent(DeviceId id, Instant now) {
    if (collection.find(eq("_id", id.value())).projection(new Document("_id", 1)).first() != null) {
      return false;
    }
    try {
      collection.insertOne(DeviceDocuments.toDocument(Device.register(id, Map.of(), now)));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      return false;
    }
  }

  private static Document moduleVersion(
      String version,
      Instant reportedAt,
      String eventId,
      @Nullable String previousVersion,
      Instant now) {
    return new Document(VERSION, version)
        .append(UPDATED_AT, Date.from(reportedAt))
        .append(REPORTED_AT, Date.from(reportedAt))
        .append(EVENT_ID, eventId)
        .append(PREVIOUS_VERSION, previousVersion)
        .append(PENDING, true)
        .append(PENDING_SINCE, Date.from(now));
  }

  /**
   * Replaces the device's tags in one single-document update.
   *
   * @return the device as it is now, empty when it is not stored
   */
  Optional<Device> replaceTags(DeviceId id, List<String> tags) {
    return Optional.ofNullable(
            collection.findOneAndUpdate(
                eq("_id", id.value()),
                Updates.combine(Updates.set(DeviceDocuments.TAGS, tags), Updates.inc(REVISION, 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
        .map(DeviceDocuments::fromDocument);
  }

  Optional<Device> find(DeviceId id) {
    return Optional.ofNullable(collection.find(eq("_id", id.value())).first())
        .map(DeviceDocuments::fromDocument);
  }

  /** A page of one product's devices, newest first, with the total count of matches. */
  Page<Device> page(String productKey, @Nullable String nameContains, int page, int size) {
    List<Bson> filters = new ArrayList<>(List.of(eq(DeviceDocuments.PRODUCT_KEY, productKey)));
    if (nameContains != null && !nameContains.isBlank()) {
      filters.add(
          regex(
              DeviceDocuments.DEVICE_NAME,
              Pattern.compile(Pattern.quote(nameContains.strip()), Pattern.CASE_INSENSITIVE)));
    }
    Bson filter = and(filters);
    List<Device> items =
        collection
            .find(filter)
            .sort(Sorts.descending(DeviceDocuments.CREATED_AT, "_id"))
            .skip(page * size)
            .limit(size)
            .map(DeviceDocuments::fromDocument)
            .into(new ArrayList<>());
    return new Page<>(items, page, size, collection.countDocuments(filter));
  }
}
