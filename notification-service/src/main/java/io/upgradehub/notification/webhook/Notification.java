package io.upgradehub.notification.webhook;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An upgrade task notification: a webhook (URL + signing token) that wants some message types of
 * the packages associated with it.
 *
 * @param name for operators, may be empty
 * @param token the signing secret; never leaves this service after creation but in signatures
 * @param messageTypes what it wants, never empty
 * @param disabledReason why the platform disabled it (a {@code 410 Gone}); null when enabled or
 *     disabled by an operator
 * @param version for optimistic updates: a change based on an older one is retried
 */
public record Notification(
    String id,
    String name,
    String url,
    String token,
    boolean enabled,
    Set<MessageType> messageTypes,
    @Nullable String disabledReason,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  public Notification {
    messageTypes = Set.copyOf(messageTypes);
  }

  /** Whether it is enabled and wants messages of {@code type}. */
  public boolean wants(MessageType type) {
    return enabled && messageTypes.contains(type);
  }

  /** What the API shows of the token. */
  public String tokenHint() {
    return WebhookToken.hint(token);
  }

  Notification changed(
      String name,
      String url,
      String token,
      boolean enabled,
      Set<MessageType> messageTypes,
      Instant now) {
    return new Notification(
        id,
        name,
        url,
        token,
        enabled,
        messageTypes,
        enabled ? null : (this.enabled ? null : disabledReason),
        createdAt,
        now,
        version);
  }
}
