package io.upgradehub.campaign.batch;

import io.upgradehub.events.batches.VerificationStatus;

/** A package's verification status. */
record VerificationResponse(String packageId, VerificationStatus status) {}
