package io.upgradehub.notification.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A notification record (spec §2.3): package name, batch id, latest push time, push status and
 * message type, with the attempts and what the receiver last answered.
 *
 * @param id the message id ({@code webhook-id}), the same in every attempt and replay
 * @param messageType the message's {@code type}, e.g. {@code device.succeeded}
 * @param lastPushAt the latest attempt; absent before the first
 * @param nextAttemptAt when the next attempt is due; absent when none is to come
 * @param lastStatusCode the receiver's HTTP status in the latest attempt; absent when it gave none
 * @param lastError why the latest attempt failed
 * @param body the message as sent; only in the detail of one record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RecordResponse(
    String id,
    String notificationId,
    String packageId,
    String packageName,
    String batchId,
    @Nullable String deviceName,
    String messageType,
    DeliveryStatus status,
    int attempts,
    int replays,
    Instant createdAt,
    @Nullable Instant lastPushAt,
    @Nullable Instant nextAttemptAt,
    @Nullable Integer lastStatusCode,
    @Nullable String lastError,
    @Nullable Instant deliveredAt,
    @Nullable String body) {

  static RecordResponse of(DeliveryRecord r) {
    return of(r, false);
  }

  static RecordResponse withBody(DeliveryRecord r) {
    return of(r, true);
  }

  private static RecordResponse of(DeliveryRecord r, boolean body) {
    return new RecordResponse(
        r.id(),
        r.notificationId(),
        r.packageId(),
        r.packageName(),
        r.batchId(),
        r.deviceName(),
        r.messageType().wireName(),
        r.status(),
        r.attempts(),
        r.replays(),
        r.createdAt(),
        r.lastAttemptAt(),
        r.status().isOpen() ? r.nextAttemptAt() : null,
        r.lastStatusCode(),
        r.lastError(),
        r.deliveredAt(),
        body ? r.body() : null);
  }
}
