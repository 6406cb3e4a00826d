package io.upgradehub.notification.delivery;

import io.upgradehub.notification.association.Associations;
import io.upgradehub.notification.packages.KnownPackage;
import io.upgradehub.notification.packages.KnownPackages;
import io.upgradehub.notification.webhook.Notification;
import io.upgradehub.notification.webhook.Notifications;
import io.upgradehub.notification.webhook.SubscriptionsChanged;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Who wants the messages of a package, and the notifications themselves, read from the store at
 * most once a second each: a batch of 100,000 devices raises as many events for one package, and
 * every attempt needs its notification. A change made through this instance clears them at once;
 * one made through another instance is seen within {@link #TTL}.
 */
@Component
class Subscribers {

  static final Duration TTL = Duration.ofSeconds(1);

  private final Associations associations;
  private final Notifications notifications;
  private final KnownPackages packages;
  private final ReadCache<String, Audience> byPackage = new ReadCache<>(TTL);
  private final ReadCache<String, Optional<Notification>> byId = new ReadCache<>(TTL);

  Subscribers(Associations associations, Notifications notifications, KnownPackages packages) {
    this.associations = associations;
    this.notifications = notifications;
    this.packages = packages;
  }

  /** The package and the notifications associated with it (enabled or not). */
  Audience of(String packageId) {
    return byPackage.get(packageId, () -> load(packageId));
  }

  /** The notification, or empty when it was deleted. */
  Optional<Notification> notification(String id) {
    return byId.get(id, () -> notifications.find(id));
  }

  @EventListener
  void on(SubscriptionsChanged changed) {
    forget();
  }

  /** Reads everything from the store again at the next use. */
  void forget() {
    byPackage.forget();
    byId.forget();
  }

  private Audience load(String packageId) {
    List<String> ids = associations.notificationIds(packageId);
    if (ids.isEmpty()) {
      return new Audience(null, List.of());
    }
    return new Audience(packages.find(packageId).orElse(null), notifications.findAll(ids));
  }

  /**
   * @param pkg the package, null when it is unknown here or deleted (its messages then name it by
   *     id)
   * @param notifications the notifications associated with it
   */
  record Audience(@Nullable KnownPackage pkg, List<Notification> notifications) {}
}
