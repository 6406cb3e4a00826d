package io.upgradehub.packages.catalog;

import java.util.Objects;
import java.util.UUID;

/** The id of an upgrade package: a random UUID, also the key of its events. */
public record PackageId(String value) {

  public PackageId {
    Objects.requireNonNull(value, "value");
  }

  static PackageId random() {
    return new PackageId(UUID.randomUUID().toString());
  }

  /** The object-storage key of the package's file. */
  String objectKey() {
    return "packages/" + value;
  }

  @Override
  public String toString() {
    return value;
  }
}
