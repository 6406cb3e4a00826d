package io.upgradehub.events.packages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A package was deleted; its file is removed from object storage. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PackageDeleted(String packageId, Instant at) {

  public static final String TYPE = "package.deleted";
  public static final int VERSION = 1;
}
