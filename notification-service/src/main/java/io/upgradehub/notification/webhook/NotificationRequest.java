package io.upgradehub.notification.webhook;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A new notification. Only {@code url} is required.
 *
 * @param name for operators, at most 128 characters
 * @param url where messages are POSTed: http or https, a public address
 * @param token the signing secret; null to have one generated (returned once, in the answer)
 * @param enabled default true
 * @param messageTypes the wire names of the message types it wants; null or absent for all
 */
record NotificationRequest(
    @Nullable String name,
    @Nullable String url,
    @Nullable String token,
    @Nullable Boolean enabled,
    @Nullable List<String> messageTypes) {}
