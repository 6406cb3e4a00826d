package io.upgradehub.notification.association;

import io.upgradehub.notification.packages.KnownPackage;
import java.time.Instant;

/**
 * A package associated with a notification: the notification gets the messages of the package's
 * batches and devices. Carries the package's facts that never change, so that lists can be searched
 * by them.
 */
record Association(
    String notificationId,
    String packageId,
    String packageName,
    String packageType,
    String productKey,
    String module,
    String targetVersion,
    Instant associatedAt) {

  static Association of(String notificationId, KnownPackage p, Instant now) {
    return new Association(
        notificationId,
        p.id(),
        p.name(),
        p.type(),
        p.productKey(),
        p.module(),
        p.targetVersion(),
        now);
  }
}
