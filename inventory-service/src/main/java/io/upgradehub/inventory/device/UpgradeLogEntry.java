package io.upgradehub.inventory.device;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a device's upgrade log, as the API shows it: a version change the device reported
 * ({@value #VERSION_CHANGED}), or the end of an upgrade attempt ({@code UPGRADE_SUCCEEDED}, {@code
 * UPGRADE_FAILED}, {@code UPGRADE_TIMED_OUT}, {@code UPGRADE_CANCELED}). The job fields are null on
 * a version change.
 */
record UpgradeLogEntry(
    @Schema(
            description =
                "when it happened: the device's report time of a version change, the time an"
                    + " attempt ended")
        Instant at,
    @Schema(
            description =
                "VERSION_CHANGED, UPGRADE_SUCCEEDED, UPGRADE_FAILED, UPGRADE_TIMED_OUT or"
                    + " UPGRADE_CANCELED")
        String kind,
    String module,
    @Schema(
            description =
                "null when no version was known before (for an attempt: when the job was created)")
        @Nullable String fromVersion,
    @Schema(description = "the new version, or the attempt's target version") String toVersion,
    @Schema(description = "the upgrade job; null for a version change") @Nullable String jobId,
    @Schema(description = "the job's batch; null for a version change") @Nullable String batchId,
    @Schema(description = "the package the job installs; null for a version change")
        @Nullable String packageId,
    @Schema(description = "1 for the job's first attempt, 2 for its first retry, …")
        @Nullable Integer attempt,
    @Schema(
            description =
                "UPGRADE_FAILED only, when the device gave one: -1 download, -2 checksum or"
                    + " signature, -3 install, -4 other")
        @Nullable Integer failureCode,
    @Schema(description = "why the attempt ended as it did, at most 256 characters")
        @Nullable String description) {

  static final String VERSION_CHANGED = "VERSION_CHANGED";
}
