package io.upgradehub.notification.association;

import io.upgradehub.notification.packages.KnownPackage;
import io.upgradehub.notification.packages.KnownPackages;
import io.upgradehub.notification.system.ErrorCode;
import io.upgradehub.notification.system.Page;
import io.upgradehub.notification.webhook.NotificationDeleted;
import io.upgradehub.notification.webhook.NotificationManagement;
import io.upgradehub.notification.webhook.SubscriptionsChanged;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/** Associating packages with notifications, and the associated-upgrade list (spec §2, §2.2). */
@Service
class AssociationManagement {

  private static final int MAX_FILTER = 128;

  private final Associations associations;
  private final NotificationManagement notifications;
  private final KnownPackages packages;
  private final ApplicationEventPublisher publisher;
  private final Clock clock;

  AssociationManagement(
      Associations associations,
      NotificationManagement notifications,
      KnownPackages packages,
      ApplicationEventPublisher publisher,
      Clock clock) {
    this.associations = associations;
    this.notifications = notifications;
    this.packages = packages;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Associates packages of one product with a notification; all or none.
   *
   * @throws ApiException {@code NOTIFICATION_NOT_FOUND}; {@code VALIDATION_FAILED} for a missing
   *     product or package list; {@code UNKNOWN_PACKAGE} or {@code PACKAGE_OF_ANOTHER_PRODUCT},
   *     naming each such package
   */
  List<AssociationResponse> associate(String notificationId, AssociationRequest request) {
    notifications.get(notificationId);
    FieldErrors errors =
        new FieldErrors().requireText("productKey", request.productKey(), MAX_FILTER);
    List<String> ids = request.packageIds() == null ? List.of() : request.packageIds();
    if (ids.isEmpty()) {
      errors.add("packageIds", "REQUIRED", "must name at least one package");
    } else if (ids.size() > AssociationRequest.MAX_PACKAGES) {
      errors.add(
          "packageIds",
          "TOO_MANY",
          "must name at most " + AssociationRequest.MAX_PACKAGES + " packages");
    }
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || ids.get(i).isBlank()) {
        errors.add("packageIds[" + i + "]", "REQUIRED", "must not be blank");
      }
    }
    errors.throwIfAny();
    FieldErrors unknown = new FieldErrors();
    FieldErrors foreign = new FieldErrors();
    List<KnownPackage> found = new ArrayList<>();
    List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
    for (int i = 0; i < distinct.size(); i++) {
      String id = distinct.get(i);
      Optional<KnownPackage> p = packages.find(id);
      if (p.isEmpty()) {
        unknown.add(
            "packageIds[" + ids.indexOf(id) + "]", "UNKNOWN_PACKAGE", "no package '" + id + "'");
      } else if (!p.get().productKey().equals(request.productKey())) {
        foreign.add(
            "packageIds[" + ids.indexOf(id) + "]",
            "PACKAGE_OF_ANOTHER_PRODUCT",
            "package '" + id + "' belongs to product '" + p.get().productKey() + "'");
      } else {
        found.add(p.get());
      }
    }
    unknown.throwIfAny(ErrorCode.UNKNOWN_PACKAGE);
    foreign.throwIfAny(ErrorCode.PACKAGE_OF_ANOTHER_PRODUCT);
    Instant now = clock.instant();
    for (KnownPackage p : found) {
      associations.add(Association.of(notificationId, p, now));
    }
    publisher.publishEvent(new SubscriptionsChanged());
    return found.stream()
        .map(p -> AssociationResponse.of(Association.of(notificationId, p, now), p))
        .toList();
  }

  /**
   * @throws ApiException {@code NOTIFICATION_NOT_FOUND} or {@code ASSOCIATION_NOT_FOUND}
   */
  void dissociate(String notificationId, String packageId) {
    notifications.get(notificationId);
    if (!associations.remove(notificationId, packageId)) {
      throw new ApiException(
          ErrorCode.ASSOCIATION_NOT_FOUND,
          "Package '"
              + packageId
              + "' is not associated with notification '"
              + notificationId
              + "'");
    }
    publisher.publishEvent(new SubscriptionsChanged());
  }

  /**
   * @throws ApiException {@code NOTIFICATION_NOT_FOUND}; {@code INVALID_PARAMETER} for paging or a
   *     filter over 128 characters
   */
  Page<AssociationResponse> list(
      String notificationId,
      @Nullable String packageName,
      @Nullable String productKey,
      int page,
      int size) {
    Page.checkParameters(page, size);
    FieldErrors errors = new FieldErrors();
    errors
        .maxLength("packageName", packageName, MAX_FILTER)
        .maxLength("productKey", productKey, MAX_FILTER);
    errors.throwIfAny(CommonError.INVALID_PARAMETER);
    notifications.get(notificationId);
    String name = blankToNull(packageName);
    String product = blankToNull(productKey);
    List<Association> found = associations.page(notificationId, name, product, page, size);
    Map<String, KnownPackage> now =
        packages.findAll(found.stream().map(Association::packageId).toList());
    return new Page<>(
        found.stream().map(a -> AssociationResponse.of(a, now.get(a.packageId()))).toList(),
        page,
        size,
        associations.count(notificationId, name, product));
  }

  @EventListener
  void on(NotificationDeleted deleted) {
    associations.removeAll(deleted.notificationId());
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
