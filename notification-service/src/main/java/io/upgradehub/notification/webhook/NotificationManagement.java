package io.upgradehub.notification.webhook;

import io.upgradehub.notification.address.AddressGuard;
import io.upgradehub.notification.system.ErrorCode;
import io.upgradehub.notification.system.Page;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The use cases of notifications. Every rule is checked here, before anything is stored: a refused
 * request changes nothing.
 */
@Service
public class NotificationManagement {

  static final int MAX_NAME = 128;
  static final int MAX_URL = 2048;

  private final Notifications notifications;
  private final AddressGuard guard;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;

  NotificationManagement(
      Notifications notifications,
      AddressGuard guard,
      ApplicationEventPublisher publisher,
      Clock clock) {
    this.notifications = notifications;
    this.guard = guard;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * @throws ApiException {@code NOTIFICATION_NOT_FOUND} when there is none by that id
   */
  public Notification get(String id) {
    return notifications
        .find(id)
        .orElseThrow(
            () ->
                new ApiException(ErrorCode.NOTIFICATION_NOT_FOUND, "No notification '" + id + "'"));
  }

  Page<Notification> list(int page, int size) {
    Page.checkParameters(page, size);
    return new Page<>(notifications.page(page, size), page, size, notifications.count());
  }

  /**
   * Creates a notification, generating its token unless one is supplied.
   *
   * @throws ApiException {@code VALIDATION_FAILED} for a missing or malformed field, {@code
   *     ADDRESS_NOT_ALLOWED} or {@code UNRESOLVABLE_HOST} for a URL webhooks may not reach
   */
  Notification create(NotificationRequest request) {
    FieldErrors errors = new FieldErrors();
    String name = request.name() == null ? "" : request.name().strip();
    errors.maxLength("name", name, MAX_NAME);
    errors.requireText("url", request.url(), MAX_URL);
    checkToken(request.token(), errors);
    Set<MessageType> types = messageTypes(request.messageTypes(), errors);
    errors.throwIfAny();
    String url = checkedUrl(request.url().strip());
    Instant now = clock.instant();
    Notification created =
        new Notification(
            UUID.randomUUID().toString(),
            name,
            url,
            request.token() == null ? WebhookToken.generate() : request.token(),
            request.enabled() == null || request.enabled(),
            types,
            null,
            now,
            now,
            0);
    notifications.insert(created);
    publisher.publishEvent(new SubscriptionsChanged());
    return created;
  }

  /**
   * Changes the fields present in {@code change}.
   *
   * @throws ApiException as {@link #create}, or {@code NOTIFICATION_NOT_FOUND}
   */
  Notification change(String id, NotificationChange change) {
    FieldErrors errors = new FieldErrors();
    if (change.name() != null) {
      errors.maxLength("name", change.name().strip(), MAX_NAME);
    }
    if (change.url() != null) {
      errors.requireText("url", change.url(), MAX_URL);
    }
    checkToken(change.token(), errors);
    Set<MessageType> types =
        change.messageTypes() == null ? null : messageTypes(change.messageTypes(), errors);
    errors.throwIfAny();
    String url = change.url() == null ? null : checkedUrl(change.url().strip());
    return update(
        id,
        current ->
            current.changed(
                change.name() == null ? current.name() : change.name().strip(),
                url == null ? current.url() : url,
                change.token() == null ? current.token() : change.token(),
                change.enabled() == null ? current.enabled() : change.enabled(),
                types == null ? current.messageTypes() : types,
                clock.instant()));
  }

  /** Replaces the token with a generated one; the old one stops signing at once. */
  Notification rotateToken(String id) {
    return update(
        id,
        current ->
            current.changed(
                current.name(),
                current.url(),
                WebhookToken.generate(),
                current.enabled(),
                current.messageTypes(),
                clock.instant()));
  }

  /**
   * Stores {@code change} of the notification as it is now; a change based on a version another
   * request replaced meanwhile is made again on the newer one.
   */
  private Notification update(String id, UnaryOperator<Notification> change) {
    while (true) {
      if (notifications.replace(change.apply(get(id)))) {
        publisher.publishEvent(new SubscriptionsChanged());
        return get(id);
      }
    }
  }

  private static void checkToken(@Nullable String token, FieldErrors errors) {
    if (token != null) {
      WebhookToken.problem(token).ifPresent(why -> errors.add("token", "INVALID_TOKEN", why));
    }
  }

  /**
   * Deletes a notification and its associations; its records stay until they expire, and are no
   * longer delivered or replayed.
   *
   * @throws ApiException {@code NOTIFICATION_NOT_FOUND}
   */
  void delete(String id) {
    if (!notifications.delete(id)) {
      throw new ApiException(ErrorCode.NOTIFICATION_NOT_FOUND, "No notification '" + id + "'");
    }
    publisher.publishEvent(new NotificationDeleted(id));
    publisher.publishEvent(new SubscriptionsChanged());
  }

  private String checkedUrl(String url) {
    guard
        .checkUrl(url)
        .ifPresent(
            refusal -> {
              ErrorCode code =
                  switch (refusal.code()) {
                    case "ADDRESS_NOT_ALLOWED" -> ErrorCode.ADDRESS_NOT_ALLOWED;
                    case "UNRESOLVABLE_HOST" -> ErrorCode.UNRESOLVABLE_HOST;
                    default -> null;
                  };
              FieldErrors errors = new FieldErrors().add("url", refusal.code(), refusal.message());
              if (code == null) {
                errors.throwIfAny();
              }
              errors.throwIfAny(code);
            });
    return url;
  }

  private static Set<MessageType> messageTypes(@Nullable List<String> names, FieldErrors errors) {
    if (names == null) {
      return EnumSet.allOf(MessageType.class);
    }
    if (names.isEmpty()) {
      errors.add("messageTypes", "REQUIRED", "must name at least one message type");
      return Set.of();
    }
    EnumSet<MessageType> types = EnumSet.noneOf(MessageType.class);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Optional<MessageType> type = name == null ? Optional.empty() : MessageType.fromWireName(name);
      if (type.isEmpty()) {
        errors.add(
            "messageTypes[" + i + "]",
            "UNKNOWN_MESSAGE_TYPE",
            "'" + name + "' is not a message type (see GET /api/v1/notifications/message-types)");
      } else {
        types.add(type.get());
      }
    }
    return types;
  }
}
