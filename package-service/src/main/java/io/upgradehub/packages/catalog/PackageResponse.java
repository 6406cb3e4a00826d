package io.upgradehub.packages.catalog;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A package as the API shows it: the list columns of the console plus module, description, size,
 * digests and signature. {@code status} is the verification status campaign-service last reported,
 * {@code statusAt} when the package entered it (null until the first report).
 */
record PackageResponse(
    String id,
    String name,
    PackageType type,
    String productKey,
    String module,
    String targetVersion,
    List<String> fromVersions,
    @Nullable String description,
    PackageStatus status,
    @Nullable Instant statusAt,
    boolean enabled,
    long size,
    String sha256,
    String md5,
    String signature,
    String signatureAlgorithm,
    String signingKeyId,
    Instant createdAt,
    Instant updatedAt) {

  static PackageResponse of(UpgradePackage p) {
    return new PackageResponse(
        p.id().value(),
        p.name(),
        p.type(),
        p.productKey(),
        p.module(),
        p.targetVersion(),
        p.fromVersions(),
        p.description(),
        p.status(),
        p.statusAt(),
        p.enabled(),
        p.file().size(),
        p.file().sha256(),
        p.file().md5(),
        p.signature().value(),
        p.signature().algorithm(),
        p.signature().keyId(),
        p.createdAt(),
        p.updatedAt());
  }
}
