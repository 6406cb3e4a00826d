package io.upgradehub.notification.delivery;

import io.upgradehub.notification.webhook.MessageType;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message one event makes, before it is addressed to the notifications that want it.
 *
 * @param identity what makes two events the same message (a job's attempt and state, a batch's
 *     state and time), whatever their event ids: a repeated event is one record per notification
 * @param data the message's {@code data}; the package's name is added when it is known
 */
record Message(
    String identity,
    MessageType type,
    String packageId,
    String batchId,
    @Nullable String deviceName,
    Instant at,
    Map<String, Object> data) {}
