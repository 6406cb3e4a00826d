package io.upgradehub.notification.delivery;

import io.upgradehub.notification.webhook.MessageType;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One message to one notification, and its deliveries (spec §2.3's notification record).
 *
 * @param id the message id ({@code msg_…}), the same in every attempt and replay: receivers
 *     deduplicate by it
 * @param body the JSON sent, fixed when the record is made: what was signed is what is replayed
 * @param deviceName set for device messages
 * @param attempts attempts made since the record was made or last replayed
 * @param lastAttemptAt the latest push time; null before the first attempt
 * @param nextAttemptAt when the next attempt is due; null when none is to come
 * @param lastStatusCode the receiver's status in the latest attempt; null when it gave none
 * @param lastError why the latest attempt failed, when it did
 * @param replays how often an operator replayed it
 */
public record DeliveryRecord(
    String id,
    String notificationId,
    MessageType messageType,
    String packageId,
    String packageName,
    String batchId,
    @Nullable String deviceName,
    String body,
    Instant createdAt,
    DeliveryStatus status,
    int attempts,
    @Nullable Instant lastAttemptAt,
    @Nullable Instant nextAttemptAt,
    @Nullable Integer lastStatusCode,
    @Nullable String lastError,
    @Nullable Instant deliveredAt,
    int replays) {

  /** A new record, due at once. */
  static DeliveryRecord create(
      String id,
      String notificationId,
      MessageType type,
      String packageId,
      String packageName,
      String batchId,
      @Nullable String deviceName,
      String body,
      Instant now) {
    return new DeliveryRecord(
        id,
        notificationId,
        type,
        packageId,
        packageName,
        batchId,
        deviceName,
        body,
        now,
        DeliveryStatus.PENDING,
        0,
        null,
        now,
        null,
        null,
        null,
        0);
  }
}
