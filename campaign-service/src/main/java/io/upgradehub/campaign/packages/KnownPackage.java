package io.upgradehub.campaign.packages;

import io.upgradehub.events.batches.VerificationStatus;
import java.util.List;

/**
 * What this service knows of a package, from package-service's events, and where it stands in
 * verification, which this service owns.
 *
 * @param type {@code FULL} or {@code DIFF}
 * @param fromVersions the versions a device must run to take the package; empty for a {@code FULL}
 *     package that any version may take
 * @param size the file's size in bytes
 * @param verification never null
 */
public record KnownPackage(
    String id,
    String name,
    String type,
    String productKey,
    String module,
    String targetVersion,
    List<String> fromVersions,
    long size,
    String sha256,
    String md5,
    String signature,
    String signatureAlgorithm,
    boolean enabled,
    VerificationStatus verification) {

  public KnownPackage {
    fromVersions = List.copyOf(fromVersions);
  }

  /** Whether a package is a difference to specific versions. */
  public boolean isDiff() {
    return "DIFF".equals(type);
  }

  /** Whether a device running {@code version} on the package's module may take the package. */
  public boolean accepts(String version) {
    if (version == null || version.equals(targetVersion)) {
      return false;
    }
    return fromVersions.isEmpty() || fromVersions.contains(version);
  }
}
