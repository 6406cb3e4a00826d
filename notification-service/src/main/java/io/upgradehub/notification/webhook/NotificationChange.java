package io.upgradehub.notification.webhook;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A change of a notification: every field is optional, an absent one stays as it is.
 *
 * @param token a new signing secret (the old one stops signing at once); to have one generated use
 *     {@code POST /api/v1/notifications/{id}/token}
 */
record NotificationChange(
    @Nullable String name,
    @Nullable String url,
    @Nullable String token,
    @Nullable Boolean enabled,
    @Nullable List<String> messageTypes) {}
