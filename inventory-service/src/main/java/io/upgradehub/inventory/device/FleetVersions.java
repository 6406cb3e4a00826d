package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Reads the devices of a product with their version of one module, for campaign-service's planning:
 * all of them (optionally those with a tag) through one cursor, or some of them by name. Reads only
 * the name and that version of each device.
 */
@Repository
class FleetVersions {

  /**
   * Devices a cursor batch holds: the projected documents are ~60 bytes, so 10,000 of them are well
   * under MongoDB's 16 MB reply limit, and 1,000,000 devices take 100 round trips.
   */
  static final int BATCH_SIZE = 10_000;

  private final MongoCollection<Document> collection;

  FleetVersions(MongoCollection<Document> deviceCollection) {
    this.collection = deviceCollection;
    // a product's devices are found through the (productKey, createdAt, _id) index Devices
    // declares; those with a tag need this multikey one on a real MongoDB (mongo-java-server
    // ignores it and scans, once an export)
    collection.createIndex(Indexes.ascending(DeviceDocuments.PRODUCT_KEY, DeviceDocuments.TAGS));
  }

  /** Receives the devices an export reads, one at a time. */
  @FunctionalInterface
  interface Sink {
    void accept(String deviceName, @Nullable String version) throws IOException;
  }

  /**
   * Hands each device of the product (with the tag, unless it is null) to {@code sink} as the
   * cursor reads it, in no particular order; never holds more than a cursor batch.
   */
  void forEach(String productKey, String module, @Nullable String tag, Sink sink)
      throws IOException {
    Bson filter =
        tag == null
            ? eq(DeviceDocuments.PRODUCT_KEY, productKey)
            : and(eq(DeviceDocuments.PRODUCT_KEY, productKey), eq(DeviceDocuments.TAGS, tag));
    try (MongoCursor<Document> cursor =
        collection.find(filter).projection(projection(module)).batchSize(BATCH_SIZE).cursor()) {
      while (cursor.hasNext()) {
        Document device = cursor.next();
        sink.accept(device.getString(DeviceDocuments.DEVICE_NAME), version(device, module));
      }
    }
  }

  /**
   * Those of the named devices of the product that are stored, by name, in one {@code _id $in}
   * read.
   */
  Map<String, DeviceVersion> find(
      String productKey, String module, Collection<String> deviceNames) {
    List<String> ids =
        deviceNames.stream().map(name -> new DeviceId(productKey, name).value()).toList();
    Map<String, DeviceVersion> found = new HashMap<>();
    collection
        .find(in("_id", ids))
        .projection(projection(module))
        .forEach(
            device -> {
              String name = device.getString(DeviceDocuments.DEVICE_NAME);
              found.put(name, new DeviceVersion(name, version(device, module)));
            });
    return found;
  }

  private static Bson projection(String module) {
    // module names hold no '.' or '$' (NewDeviceRequest.MODULE), so the path is safe
    return Projections.fields(
        Projections.include(DeviceDocuments.DEVICE_NAME, "versions." + module + ".version"),
        Projections.excludeId());
  }

  private static @Nullable String version(Document device, String module) {
    Document versions = device.get("versions", Document.class);
    Document current = versions == null ? null : versions.get(module, Document.class);
    return current == null ? null : current.getString("version");
  }
}
