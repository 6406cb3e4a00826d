package io.upgradehub.inventory.device;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One entry of a device's upgrade log, as the API shows it. */
record UpgradeLogEntry(
    @Schema(description = "when it happened: the device's report time") Instant at,
    @Schema(description = "VERSION_CHANGED; upgrade attempts and outcomes follow") String kind,
    String module,
    @Schema(description = "null when no version was known before") @Nullable String fromVersion,
    String toVersion) {

  static final String VERSION_CHANGED = "VERSION_CHANGED";
}
