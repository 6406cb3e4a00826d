package io.upgradehub.packages.catalog;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.regex;
import static com.mongodb.client.model.Filters.size;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.upgradehub.outbox.Outbox;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * Upgrade packages in MongoDB, one document each, with the events still to publish inside the same
 * document ({@link Outbox#FIELD}), so each write is one atomic single-document operation.
 *
 * <p>A deleted package stays as a tombstone until its {@code package.deleted} event is out; its
 * identity is released at once so that an identical package may be uploaded again.
 */
@Repository
class Packages {

  static final String DELETED = "deleted";
  private static final String IDENTITY = "identity";
  private static final String VERSION = "version";

  private final MongoCollection<Document> collection;
  private final Outbox outbox;

  Packages(MongoCollection<Document> packageCollection, Outbox outbox) {
    this.collection = packageCollection;
    this.outbox = outbox;
    collection.createIndex(Indexes.ascending(IDENTITY), new IndexOptions().unique(true));
    // what a real MongoDB needs for the list and the relay; the embedded server scans anyway
    collection.createIndex(Indexes.descending("createdAt", "_id"));
    collection.createIndex(Indexes.ascending("productKey", "createdAt"));
    collection.createIndex(
        Indexes.ascending(Outbox.FIELD + ".id"), new IndexOptions().sparse(true));
  }

  /**
   * Stores a new package with its pending events.
   *
   * @throws DuplicatePackageException when a live package has the same identity
   */
  void insert(UpgradePackage created) {
    Document document = PackageDocuments.toDocument(created);
    document.append(
        Outbox.FIELD,
        outbox.entries(created.id().value(), created.updatedAt(), created.pendingEvents()));
    try {
      collection.insertOne(document);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw new DuplicatePackageException(created.identity());
      }
      throw e;
    }
    outbox.written();
  }

  Optional<UpgradePackage> find(PackageId id) {
    return Optional.ofNullable(
            collection.find(and(eq("_id", id.value()), ne(DELETED, true))).first())
        .map(PackageDocuments::fromDocument);
  }

  boolean identityTaken(String identity) {
    return collection.find(eq(IDENTITY, identity)).limit(1).first() != null;
  }

  /** A page of live packages, newest first, with the total count of matches. */
  PackagePage<UpgradePackage> page(
      @Nullable String nameContains, @Nullable String productKey, int page, int size) {
    List<Bson> filters = new ArrayList<>(List.of(ne(DELETED, true)));
    if (nameContains != null && !nameContains.isBlank()) {
      filters.add(
          regex(
              "name",
              Pattern.compile(Pattern.quote(nameContains.strip()), Pattern.CASE_INSENSITIVE)));
    }
    if (productKey != null && !productKey.isBlank()) {
      filters.add(eq("productKey", productKey));
    }
    Bson filter = and(filters);
    List<UpgradePackage> items =
        collection
            .find(filter)
            .sort(Sorts.descending("createdAt", "_id"))
            .skip(page * size)
            .limit(size)
            .map(PackageDocuments::fromDocument)
            .into(new ArrayList<>());
    long total = collection.countDocuments(filter);
    return new PackagePage<>(items, page, size, total);
  }

  /**
   * Writes the changed fields and appends the pending events, if the document is still at the
   * version {@code changed} was read at.
   *
   * @return false when someone else changed it first (re-read and try again)
   */
  boolean update(UpgradePackage changed) {
    List<Document> entries =
        outbox.entries(changed.id().value(), changed.updatedAt(), changed.pendingEvents());
    List<Bson> updates =
        new ArrayList<>(
            List.of(
                Updates.set("enabled", changed.enabled()),
                Updates.set("description", changed.description()),
                Updates.set("status", changed.status().name()),
                Updates.set(
                    "statusAt", changed.statusAt() == null ? null : Date.from(changed.statusAt())),
                Updates.set("updatedAt", Date.from(changed.updatedAt())),
                Updates.inc(VERSION, 1L),
                Updates.pushEach(Outbox.FIELD, entries)));
    if (changed.deleted()) {
      updates.add(Updates.set(DELETED, true));
      // frees the identity for a new upload while the tombstone waits for its event to go out
      updates.add(Updates.set(IDENTITY, "deleted:" + changed.id().value()));
    }
    boolean updated =
        collection
                .updateOne(
                    and(eq("_id", changed.id().value()), eq(VERSION, changed.version())),
                    Updates.combine(updates))
                .getModifiedCount()
            == 1;
    if (updated) {
      outbox.written();
    }
    return updated;
  }

  /** Deleted packages whose last event is published: their file and tombstone may go. */
  List<PackageId> publishedTombstones(int limit) {
    return collection
        .find(and(eq(DELETED, true), size(Outbox.FIELD, 0)))
        .limit(limit)
        .map(d -> new PackageId(d.getString("_id")))
        .into(new ArrayList<>());
  }

  void removeTombstone(PackageId id) {
    collection.deleteOne(and(eq("_id", id.value()), eq(DELETED, true), size(Outbox.FIELD, 0)));
  }
}
