package io.upgradehub.notification.delivery;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one delivery attempt, as the record keeps it.
 *
 * @param status what the record becomes: {@code DELIVERED}, {@code RETRYING}, {@code DEAD} or
 *     {@code FAILED}
 * @param statusCode the receiver's HTTP status; null when there was no answer
 * @param error why it failed; null when delivered
 * @param nextAt when the next attempt is due; null when none is to come
 */
record Attempt(
    DeliveryStatus status,
    Instant at,
    @Nullable Integer statusCode,
    @Nullable String error,
    @Nullable Instant nextAt) {}
