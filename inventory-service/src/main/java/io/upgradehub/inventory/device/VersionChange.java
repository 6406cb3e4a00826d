package io.upgradehub.inventory.device;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A module of a device changed its version because of one event.
 *
 * @param eventId the id of the event that changed it: the upgrade log entry's id
 * @param fromVersion the version before, null when none was known
 * @param at the report's time
 */
record VersionChange(
    String eventId,
    DeviceId device,
    String module,
    @Nullable String fromVersion,
    String toVersion,
    Instant at) {}
