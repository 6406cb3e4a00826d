package io.upgradehub.events.batches;

/**
 * Where a package stands in verification: {@code UNVERIFIED} → {@code VERIFYING} → {@code VERIFIED}
 * or {@code VERIFY_FAILED} (which may verify again), or {@code VERIFY_SKIPPED} from {@code
 * UNVERIFIED} or {@code VERIFY_FAILED}, after which it never verifies. A batch upgrade needs {@code
 * VERIFIED} or {@code VERIFY_SKIPPED}.
 */
public enum VerificationStatus {
  UNVERIFIED,
  VERIFYING,
  VERIFIED,
  VERIFY_FAILED,
  VERIFY_SKIPPED;

  /** Whether a batch upgrade may run: {@code VERIFIED} or {@code VERIFY_SKIPPED}. */
  public boolean allowsBatches() {
    return this == VERIFIED || this == VERIFY_SKIPPED;
  }
}
