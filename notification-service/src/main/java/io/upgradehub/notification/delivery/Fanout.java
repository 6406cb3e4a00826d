package io.upgradehub.notification.delivery;

import io.upgradehub.notification.packages.KnownPackage;
import io.upgradehub.notification.webhook.Notification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Addresses messages to the enabled notifications associated with their package that want their
 * type: one record each, stored before the event's offset is committed, then queued for its first
 * attempt. A record's id comes from the message's identity and the notification, so a repeated
 * event stores nothing new and sends nothing again.
 */
@Component
class Fanout {

  private final Subscribers subscribers;
  private final DeliveryRecords records;
  private final Lanes lanes;
  private final Waiting waiting;
  private final JsonMapper json;
  private final Clock clock;
  private final DeliveryProperties properties;

  Fanout(
      Subscribers subscribers,
      DeliveryRecords records,
      Lanes lanes,
      Waiting waiting,
      JsonMapper json,
      Clock clock,
      DeliveryProperties properties) {
    this.subscribers = subscribers;
    this.records = records;
    this.lanes = lanes;
    this.waiting = waiting;
    this.json = json;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * Stores a record for every notification that wants each message, and queues the new ones.
   *
   * @return how many records were new
   */
  int publish(List<Message> messages) {
    Instant now = clock.instant();
    List<DeliveryRecord> batch = new ArrayList<>();
    for (Message message : messages) {
      Subscribers.Audience audience = subscribers.of(message.packageId());
      for (Notification n : audience.notifications()) {
        if (n.wants(message.type())) {
          batch.add(record(message, audience.pkg(), n, now));
        }
      }
    }
    // a blocked lane's records (full, or its circuit open) wait in the store for the sweep: no
    // lease to take, no write to give it back
    Set<String> blocked = lanes.blocked();
    List<DeliveryRecord> stored =
        records.insertNew(
            batch, now.plus(properties.lease()), r -> !blocked.contains(r.notificationId()));
    for (DeliveryRecord r : stored) {
      if (blocked.contains(r.notificationId())) {
        waiting.now(r.notificationId());
      } else {
        lanes.offer(r);
      }
    }
    return stored.size();
  }

  private DeliveryRecord record(
      Message m, @Nullable KnownPackage pkg, Notification n, Instant now) {
    String packageName = pkg == null ? m.packageId() : pkg.name();
    Map<String, Object> data = new LinkedHashMap<>(m.data());
    data.put("packageName", packageName);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", m.type().wireName());
    body.put("timestamp", m.at().toString());
    body.put("data", data);
    return DeliveryRecord.create(
        id(m.identity(), n.id()),
        n.id(),
        m.type(),
        m.packageId(),
        packageName,
        m.batchId(),
        m.deviceName(),
        json.writeValueAsString(body),
        now);
  }

  /** {@code msg_} and 128 bits of the message's identity and the notification, in hex. */
  static String id(String identity, String notificationId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((identity + "|" + notificationId).getBytes(StandardCharsets.UTF_8));
      return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
