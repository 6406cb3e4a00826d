package io.upgradehub.notification.association;

import io.upgradehub.notification.packages.KnownPackage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An associated upgrade as the list shows it (spec §2): package name, type, target version,
 * product, module and status.
 *
 * @param status the package's status now ({@code UNVERIFIED}, {@code VERIFIED}, …, or {@code
 *     DELETED} for a package deleted since); the association's facts stay
 * @param enabled whether the package is enabled now
 */
record AssociationResponse(
    String packageId,
    String packageName,
    String packageType,
    String targetVersion,
    String productKey,
    String module,
    @Nullable String status,
    boolean enabled,
    Instant associatedAt) {

  static AssociationResponse of(Association a, @Nullable KnownPackage now) {
    return new AssociationResponse(
        a.packageId(),
        a.packageName(),
        a.packageType(),
        a.targetVersion(),
        a.productKey(),
        a.module(),
        now == null ? null : now.status(),
        now != null && now.enabled(),
        a.associatedAt());
  }
}
