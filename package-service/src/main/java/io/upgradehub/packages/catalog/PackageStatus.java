package io.upgradehub.packages.catalog;

/**
 * Where a package stands in verification. campaign-service runs the verifications and owns this
 * status; this service shows the last status campaign-service reported ({@code
 * package.verification-changed}), {@code UNVERIFIED} until the first. A batch upgrade needs {@code
 * VERIFIED} or {@code VERIFY_SKIPPED}.
 */
public enum PackageStatus {
  /** Uploaded; no verification has run or been skipped yet. */
  UNVERIFIED,
  /** A verification upgrade on a few test devices is running. */
  VERIFYING,
  /** The verification upgrade succeeded: batch upgrades may use the package. */
  VERIFIED,
  /**
   * The verification failed (a device's upgrade did not succeed) or its batch was canceled; it may
   * be verified again, or skipped.
   */
  VERIFY_FAILED,
  /** An operator skipped verification: batch upgrades may use the package; it never verifies. */
  VERIFY_SKIPPED
}
