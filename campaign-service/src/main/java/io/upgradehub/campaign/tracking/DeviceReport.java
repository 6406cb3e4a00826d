package io.upgradehub.campaign.tracking;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a device report means for jobs, read from one record of the device reports topic.
 *
 * @param jobId for progress and command failures: the job named
 * @param module for versions and requests: the module
 * @param version for versions: the version reported
 * @param step for progress: the step; null for a failure
 * @param failureCode for a progress failure: the device's code
 * @param reportedAt when the device said it
 */
record DeviceReport(
    Kind kind,
    String productKey,
    String deviceName,
    @Nullable String jobId,
    @Nullable String module,
    @Nullable String version,
    @Nullable Integer step,
    @Nullable Integer failureCode,
    @Nullable String description,
    Instant reportedAt) {

  enum Kind {
    PROGRESS,
    FAILURE,
    COMMAND_FAILED,
    VERSION,
    REQUEST
  }

  /** The slot of the device's module, for reports that name a module rather than a job. */
  String slot() {
    return productKey + "/" + deviceName + "/" + module;
  }
}
