package io.upgradehub.notification.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A notification as the API shows it.
 *
 * @param token the whole signing secret: only in the answer that created or rotated it, absent
 *     everywhere else
 * @param tokenHint the token's first and last characters, to tell tokens apart
 * @param disabledReason why the platform disabled it (its receiver answered 410 Gone); absent
 *     otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NotificationResponse(
    String id,
    String name,
    String url,
    @Nullable String token,
    String tokenHint,
    boolean enabled,
    List<String> messageTypes,
    @Nullable String disabledReason,
    Instant createdAt,
    Instant updatedAt) {

  static NotificationResponse of(Notification n) {
    return of(n, null);
  }

  static NotificationResponse withToken(Notification n) {
    return of(n, n.token());
  }

  private static NotificationResponse of(Notification n, @Nullable String token) {
    return new NotificationResponse(
        n.id(),
        n.name(),
        n.url(),
        token,
        n.tokenHint(),
        n.enabled(),
        n.messageTypes().stream()
            .sorted(Comparator.naturalOrder())
            .map(MessageType::wireName)
            .toList(),
        n.disabledReason(),
        n.createdAt(),
        n.updatedAt());
  }
}
