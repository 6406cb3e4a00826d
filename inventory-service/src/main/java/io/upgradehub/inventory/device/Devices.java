package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.upgradehub.inventory.system.ApiException;
import io.upgradehub.inventory.system.ErrorCode;
import io.upgradehub.inventory.system.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
   * Stores a newly registered device.
   *
   * @throws ApiException {@code DEVICE_ALREADY_EXISTS} when the product has a device of that name
   */
  void insert(Device device) {
    try {
      collection.insertOne(DeviceDocuments.toDocument(device));
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
