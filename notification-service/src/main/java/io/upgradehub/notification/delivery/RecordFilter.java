package io.upgradehub.notification.delivery;

import io.upgradehub.notification.webhook.MessageType;
import org.jspecify.annotations.Nullable;

/**
 * Which records of a notification a list shows; a null criterion matches every record.
 *
 * @param packageName a part of the package's name, any case
 */
record RecordFilter(
    String notificationId,
    @Nullable String packageName,
    @Nullable DeliveryStatus status,
    @Nullable MessageType messageType,
    @Nullable String batchId) {}
