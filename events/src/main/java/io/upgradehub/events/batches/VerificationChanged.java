package io.upgradehub.events.batches;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A package's verification status changed. Published by campaign-service, which runs the
 * verifications and owns this status, to {@link BatchTopics#BATCH_EVENTS}, keyed by {@code
 * packageId}, in order; package-service shows it as the package's {@code status}.
 *
 * @param packageId the package
 * @param status the status entered, never null; readers that do not know one skip the event
 * @param batchId the verification batch that caused it; null for a skip
 * @param at when the package entered {@code status}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerificationChanged(
    String packageId, VerificationStatus status, String batchId, Instant at) {

  public static final String TYPE = "package.verification-changed";
  public static final int VERSION = 1;
}
