package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.upgradehub.inventory.system.ErrorCode;
import io.upgradehub.inventory.system.Page;
import io.upgradehub.problems.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  }

  /**
   * Stores a newly registered device; each version it declares is a change from no version under
   * {@code eventId}, marked pending until it was counted in the version distribution.
   *
   * @throws ApiException {@code DEVICE_ALREADY_EXISTS} when the product has a device of that name
   */
  void insert(Device device, String eventId) {
    Document document = DeviceDocuments.toDocument(device);
    // the registered versions are changes from none, pending until counted (VersionCounting)
    document
        .get(VERSIONS, Document.class)
        .values()
        .forEach(
            module ->
                ((Document) module)
                    .append(EVENT_ID, eventId)
                    .append(PREVIOUS_VERSION, null)
                    .append(PENDING, true));
    try {
      collection.insertOne(document);
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
      Consumer<VersionChange> settle) {
    String field = VERSIONS + "." + module;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document stored = collection.find(eq("_id", id.value())).first();
      if (stored == null) {
        Document device =
            DeviceDocuments.toDocument(Device.register(id, Map.of(), now))
                .append(
                    VERSIONS,
                    new Document(module, moduleVersion(version, reportedAt, eventId, null)));
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
        update = moduleVersion(version, reportedAt, eventId, null);
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
          update = moduleVersion(version, reportedAt, eventId, from);
          change = Optional.of(new VersionChange(eventId, id, module, from, version, reportedAt));
        }
      }
      UpdateResult result =
          collection.updateOne(
              and(eq("_id", id.value()), eq(REVISION, stored.get(REVISION))),
              Updates.combine(Updates.set(field, update), Updates.inc(REVISION, 1L)));
      if (result.getMatchedCount() == 1) {
        return change;
      }
    }
    throw new IllegalStateException(
        "device " + id + " changed under " + MAX_ATTEMPTS + " attempts to apply a version");
  }

  /**
   * Clears the module's pending change once it was counted, when it is still this event's; a write
   * like any other (the revision moves), so a concurrent decision is made again.
   */
  void settled(DeviceId id, String module, String eventId) {
    String field = VERSIONS + "." + module;
    collection.updateOne(
        and(
            eq("_id", id.value()),
            eq(field + "." + EVENT_ID, eventId),
            eq(field + "." + PENDING, true)),
        Updates.combine(Updates.unset(field + "." + PENDING), Updates.inc(REVISION, 1L)));
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
      String version, Instant reportedAt, String eventId, @Nullable String previousVersion) {
    return new Document(VERSION, version)
        .append(UPDATED_AT, Date.from(reportedAt))
        .append(REPORTED_AT, Date.from(reportedAt))
        .append(EVENT_ID, eventId)
        .append(PREVIOUS_VERSION, previousVersion)
        .append(PENDING, true);
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
