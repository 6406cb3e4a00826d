package io.upgradehub.notification.association;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The associations (collection {@code associations}, {@code _id} = {@code
 * {notificationId}/{packageId}}, so associating twice stores one).
 */
@Repository
public class Associations {

  private final MongoCollection<Document> associations;

  Associations(MongoCollection<Document> associationCollection) {
    this.associations = associationCollection;
  }

  /** The ids of the notifications {@code packageId} is associated with. */
  public List<String> notificationIds(String packageId) {
    List<String> ids = new ArrayList<>();
    for (Document d : associations.find(eq("packageId", packageId))) {
      ids.add(d.getString("notificationId"));
    }
    return ids;
  }

  /** Stores an association; one that exists keeps its first time. */
  void add(Association a) {
    Document facts =
        new Document("notificationId", a.notificationId())
            .append("packageId", a.packageId())
            .append("packageName", a.packageName())
            .append("packageType", a.packageType())
            .append("productKey", a.productKey())
            .append("module", a.module())
            .append("targetVersion", a.targetVersion())
            .append("associatedAt", Date.from(a.associatedAt()));
    associations.updateOne(
        eq("_id", id(a.notificationId(), a.packageId())),
        new Document("$setOnInsert", facts),
        new UpdateOptions().upsert(true));
  }

  boolean remove(String notificationId, String packageId) {
    return associations.deleteOne(eq("_id", id(notificationId, packageId))).getDeletedCount() == 1;
  }

  void removeAll(String notificationId) {
    associations.deleteMany(eq("notificationId", notificationId));
  }

  /**
   * A page of a notification's associations, newest first.
   *
   * @param packageName a part of the package's name, any case; null for any
   * @param productKey the product, exactly; null for any
   */
  List<Association> page(
      String notificationId,
      @Nullable String packageName,
      @Nullable String productKey,
      int page,
      int size) {
    List<Association> found = new ArrayList<>();
    for (Document d :
        associations
            .find(filter(notificationId, packageName, productKey))
            .sort(Sorts.descending("associatedAt", "_id"))
            .skip(page * size)
            .limit(size)) {
      found.add(fromDocument(d));
    }
    return found;
  }

  long count(String notificationId, @Nullable String packageName, @Nullable String productKey) {
    return associations.countDocuments(filter(notificationId, packageName, productKey));
  }

  private static Bson filter(
      String notificationId, @Nullable String packageName, @Nullable String productKey) {
    List<Bson> parts = new ArrayList<>();
    parts.add(eq("notificationId", notificationId));
    if (packageName != null) {
      parts.add(
          regex(
              "packageName",
              Pattern.compile(Pattern.quote(packageName), Pattern.CASE_INSENSITIVE)));
    }
    if (productKey != null) {
      parts.add(eq("productKey", productKey));
    }
    return and(parts);
  }

  private static String id(String notificationId, String packageId) {
    return notificationId + "/" + packageId;
  }

  private static Association fromDocument(Document d) {
    return new Association(
        d.getString("notificationId"),
        d.getString("packageId"),
        d.getString("packageName"),
        d.getString("packageType"),
        d.getString("productKey"),
        d.getString("module"),
        d.getString("targetVersion"),
        d.getDate("associatedAt").toInstant());
  }
}
