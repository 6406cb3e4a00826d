package io.upgradehub.notification.webhook;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Repository;

/** The notifications (collection {@code notifications}, {@code _id} = notification id). */
@Repository
public class Notifications {

  private final MongoCollection<Document> notifications;

  Notifications(MongoCollection<Document> notificationCollection) {
    this.notifications = notificationCollection;
  }

  public Optional<Notification> find(String id) {
    return Optional.ofNullable(notifications.find(eq("_id", id)).first())
        .map(Notifications::fromDocument);
  }

  /** The notifications among {@code ids} that exist. */
  public List<Notification> findAll(Collection<String> ids) {
    List<Notification> found = new ArrayList<>();
    for (Document d : notifications.find(in("_id", ids))) {
      found.add(fromDocument(d));
    }
    return found;
  }

  /** A page of every notification, newest first. */
  List<Notification> page(int page, int size) {
    List<Notification> found = new ArrayList<>();
    for (Document d :
        notifications
            .find()
            .sort(Sorts.descending("createdAt", "_id"))
            .skip(page * size)
            .limit(size)) {
      found.add(fromDocument(d));
    }
    return found;
  }

  long count() {
    return notifications.countDocuments();
  }

  void insert(Notification n) {
    notifications.insertOne(toDocument(n));
  }

  /**
   * Stores {@code n} over the version it was read at.
   *
   * @return false when it was changed or deleted since
   */
  boolean replace(Notification n) {
    Document next = toDocument(n).append("version", n.version() + 1);
    return notifications
            .replaceOne(and(eq("_id", n.id()), eq("version", n.version())), next)
            .getModifiedCount()
        == 1;
  }

  boolean delete(String id) {
    return notifications.deleteOne(eq("_id", id)).getDeletedCount() == 1;
  }

  /**
   * Disables an enabled notification for the platform's reason.
   *
   * @return false when it was already disabled or is gone
   */
  public boolean disable(String id, String reason, Instant now) {
    return notifications
            .updateOne(
                and(eq("_id", id), eq("enabled", true)),
                Updates.combine(
                    Updates.set("enabled", false),
                    Updates.set("disabledReason", reason),
                    Updates.set("updatedAt", Date.from(now)),
                    Updates.inc("version", 1L)))
            .getModifiedCount()
        == 1;
  }

  private static Document toDocument(Notification n) {
    return new Document("_id", n.id())
        .append("name", n.name())
        .append("url", n.url())
        .append("token", n.token())
        .append("enabled", n.enabled())
        .append("messageTypes", n.messageTypes().stream().map(MessageType::name).sorted().toList())
        .append("disabledReason", n.disabledReason())
        .append("createdAt", Date.from(n.createdAt()))
        .append("updatedAt", Date.from(n.updatedAt()))
        .append("version", n.version());
  }

  private static Notification fromDocument(Document d) {
    EnumSet<MessageType> types = EnumSet.noneOf(MessageType.class);
    for (String name : d.getList("messageTypes", String.class, List.of())) {
      // a type a newer version stored and this one does not know is not delivered here
      try {
        types.add(MessageType.valueOf(name));
      } catch (IllegalArgumentException unknown) {
        continue;
      }
    }
    return new Notification(
        d.getString("_id"),
        d.getString("name"),
        d.getString("url"),
        d.getString("token"),
        d.getBoolean("enabled", false),
        types,
        d.getString("disabledReason"),
        d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(),
        d.get("version", Number.class).longValue());
  }
}
