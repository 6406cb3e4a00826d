package io.upgradehub.campaign.batch;

import org.jspecify.annotations.Nullable;

/** Why a device of the batch's scope gets no job. */
public enum Exclusion {
  /** It already runs the package's target version: it is never upgraded. */
  ALREADY_ON_TARGET,
  /** Its module runs no version the batch upgrades from (or none is known). */
  NOT_ON_A_FROM_VERSION,
  /** Another open job (of any batch) holds the device's module. */
  IN_ANOTHER_BATCH,
  /** A {@code SHARE} scope left it out. */
  OUTSIDE_SHARE,
  /** A device named in a {@code DEVICES} scope that the product no longer has. */
  UNKNOWN_DEVICE;

  /**
   * Why a device running {@code version} would get no job of {@code spec}, before looking for other
   * batches; null when it would get one.
   */
  static @Nullable Exclusion of(BatchSpec spec, String deviceName, @Nullable String version) {
    if (!spec.scope().includes(deviceName)) {
      return OUTSIDE_SHARE;
    }
    if (spec.pkg().targetVersion().equals(version)) {
      return ALREADY_ON_TARGET;
    }
    return spec.fits(version) ? null : NOT_ON_A_FROM_VERSION;
  }
}
