package io.upgradehub.events.packages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A package was uploaded, verified in transit and stored. Carries the facts that campaigns and
 * notifications need so that they never have to call package-service back.
 *
 * @param fromVersions versions a device must run to take this package; empty means any (only for
 *     {@code FULL} packages)
 * @param signature base64 signature of the raw SHA-256 digest with the platform's signing key
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PackageCreated(
    String packageId,
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
    String status,
    boolean enabled,
    Instant at) {

  public static final String TYPE = "package.created";
  public static final int VERSION = 1;
}
