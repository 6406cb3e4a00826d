package io.upgradehub.notification.delivery;

import io.upgradehub.notification.system.ErrorCode;
import io.upgradehub.notification.system.Page;
import io.upgradehub.notification.webhook.MessageType;
import io.upgradehub.notification.webhook.Notification;
import io.upgradehub.notification.webhook.NotificationManagement;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** A notification's records (spec §2.3) and their replay. */
@Service
class RecordManagement {

  private static final int MAX_FILTER = 128;

  private final DeliveryRecords records;
  private final NotificationManagement notifications;
  private final Lanes lanes;
  private final DeliveryProperties properties;
  private final Clock clock;

  RecordManagement(
      DeliveryRecords records,
      NotificationManagement notifications,
      Lanes lanes,
      DeliveryProperties properties,
      Clock clock) {
    this.records = records;
    this.notifications = notifications;
    this.lanes = lanes;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * @param status a {@link DeliveryStatus} name, any case; null for any
   * @param messageType a message type's wire name; null for any
   * @throws ApiException {@code NOTIFICATION_NOT_FOUND}; {@code INVALID_PARAMETER} naming each bad
   *     parameter
   */
  Page<DeliveryRecord> list(
      String notificationId,
      @Nullable String packageName,
      @Nullable String status,
      @Nullable String messageType,
      @Nullable String batchId,
      int page,
      int size) {
    Page.checkParameters(page, size);
    FieldErrors errors = new FieldErrors();
    errors
        .maxLength("packageName", packageName, MAX_FILTER)
        .maxLength("batchId", batchId, MAX_FILTER);
    DeliveryStatus state = null;
    if (!isBlank(status)) {
      try {
        state = DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(
            "status",
            "UNKNOWN_STATUS",
            "must be one of " + Arrays.toString(DeliveryStatus.values()));
      }
    }
    MessageType type = null;
    if (!isBlank(messageType)) {
      type = MessageType.fromWireName(messageType.strip()).orElse(null);
      if (type == null) {
        errors.add(
            "messageType", "UNKNOWN_MESSAGE_TYPE", "'" + messageType + "' is not a message type");
      }
    }
    errors.throwIfAny(CommonError.INVALID_PARAMETER);
    notifications.get(notificationId);
    RecordFilter filter =
        new RecordFilter(
            notificationId,
            isBlank(packageName) ? null : packageName.strip(),
            state,
            type,
            isBlank(batchId) ? null : batchId.strip());
    return new Page<>(records.page(filter, page, size), page, size, records.count(filter));
  }

  /**
   * @throws ApiException {@code NOTIFICATION_NOT_FOUND} or {@code RECORD_NOT_FOUND}
   */
  DeliveryRecord get(String notificationId, String recordId) {
    notifications.get(notificationId);
    return records
        .find(recordId)
        .filter(r -> r.notificationId().equals(notificationId))
        .orElseThrow(() -> notFound(recordId));
  }

  /**
   * Sends a record again, with the same message id and body and a fresh signature, on a fresh
   * series of attempts; whatever its status was.
   *
   * @throws ApiException {@code NOTIFICATION_NOT_FOUND}, {@code RECORD_NOT_FOUND}, or {@code
   *     NOTIFICATION_DISABLED}
   */
  DeliveryRecord replay(String notificationId, String recordId) {
    Notification notification = notifications.get(notificationId);
    if (!notification.enabled()) {
      throw new ApiException(
          ErrorCode.NOTIFICATION_DISABLED,
          "Notification '"
              + notificationId
              + "' is disabled"
              + (notification.disabledReason() == null
                  ? ""
                  : " (" + notification.disabledReason() + ")"));
    }
    Instant now = clock.instant();
    DeliveryRecord replayed =
        records
            .replay(notificationId, recordId, now, now.plus(properties.lease()))
            .orElseThrow(() -> notFound(recordId));
    lanes.offer(replayed);
    return replayed;
  }

  private static ApiException notFound(String recordId) {
    return new ApiException(
        ErrorCode.RECORD_NOT_FOUND, "No record '" + recordId + "' of this notification");
  }

  private static boolean isBlank(@Nullable String value) {
    return value == null || value.isBlank();
  }
}
