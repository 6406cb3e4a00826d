package io.upgradehub.events.packages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A package's mutable facts changed. Carries the state after the change, so a consumer that saw an
 * earlier update can simply overwrite.
 *
 * @param description may be null when the package has none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PackageUpdated(
    String packageId, boolean enabled, String description, String status, Instant at) {

  public static final String TYPE = "package.updated";
  public static final int VERSION = 1;
}
