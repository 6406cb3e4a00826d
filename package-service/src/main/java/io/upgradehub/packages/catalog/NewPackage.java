package io.upgradehub.packages.catalog;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated request to add a package: names trimmed, module defaulted, from-versions distinct and
 * sorted so that equal sets compare equal.
 */
record NewPackage(
    String name,
    PackageType type,
    String productKey,
    String module,
    String targetVersion,
    List<String> fromVersions,
    @Nullable String description,
    @Nullable String expectedSha256,
    @Nullable String expectedMd5) {

  /** See {@link UpgradePackage#identity()}. */
  String identity() {
    return UpgradePackage.identity(productKey, module, type, targetVersion, fromVersions);
  }
}
