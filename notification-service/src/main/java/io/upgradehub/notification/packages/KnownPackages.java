package io.upgradehub.notification.packages;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageDeleted;
import io.upgradehub.events.packages.PackageUpdated;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/**
 * The packages this service learnt from package-service's events (collection {@code packages},
 * {@code _id} = package id). Applying an event twice changes nothing; an update older than the last
 * one applied is ignored.
 */
@Repository
public class KnownPackages {

  private static final String DELETED = "deleted";
  private static final String UPDATED_AT = "updatedAt";

  private final MongoCollection<Document> packages;

  KnownPackages(MongoCollection<Document> packageCollection) {
    this.packages = packageCollection;
  }

  /** A live (not deleted) package, or empty when there is none by that id or it was deleted. */
  public Optional<KnownPackage> find(String id) {
    return Optional.ofNullable(packages.find(and(eq("_id", id), ne(DELETED, true))).first())
        .map(KnownPackages::fromDocument);
  }

  /**
   * The packages among {@code ids}, deleted ones included (an association shows what it was
   * associated with), by id; ids without a document are left out.
   */
  public Map<String, KnownPackage> findAll(Collection<String> ids) {
    Map<String, KnownPackage> found = new LinkedHashMap<>();
    for (Document d : packages.find(in("_id", ids))) {
      if (d.getString("name") != null) {
        found.put(d.getString("_id"), fromDocument(d));
      }
    }
    return found;
  }

  void apply(PackageCreated created) {
    Document facts =
        new Document("name", created.name())
            .append("type", created.type())
            .append("productKey", created.productKey())
            .append("module", created.module())
            .append("targetVersion", created.targetVersion())
            .append("status", created.status())
            .append("enabled", created.enabled())
            .append(UPDATED_AT, Date.from(created.at()));
    packages.updateOne(
        eq("_id", created.packageId()),
        new Document("$setOnInsert", facts),
        new UpdateOptions().upsert(true));
  }

  void apply(PackageUpdated updated) {
    packages.updateOne(
        and(
            eq("_id", updated.packageId()),
            or(exists(UPDATED_AT, false), lt(UPDATED_AT, Date.from(updated.at())))),
        Updates.combine(
            Updates.set("enabled", updated.enabled()),
            Updates.set("status", updated.status()),
            Updates.set(UPDATED_AT, Date.from(updated.at()))));
  }

  void apply(PackageDeleted deleted) {
    packages.updateOne(
        eq("_id", deleted.packageId()),
        Updates.set(DELETED, true),
        new UpdateOptions().upsert(true));
  }

  private static KnownPackage fromDocument(Document d) {
    return new KnownPackage(
        d.getString("_id"),
        d.getString("name"),
        d.getString("type"),
        d.getString("productKey"),
        d.getString("module"),
        d.getString("targetVersion"),
        d.getBoolean(DELETED, false) ? "DELETED" : d.getString("status"),
        d.getBoolean("enabled", false));
  }
}
