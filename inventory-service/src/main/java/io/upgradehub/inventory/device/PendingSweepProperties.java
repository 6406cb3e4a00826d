package io.upgradehub.inventory.device;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sweep of version changes left pending (stored on a device, not yet counted in the version
 * distribution), under {@code upgradehub.inventory.pending-sweep}.
 *
 * @param enabled whether this instance sweeps at all (at start and then periodically)
 * @param initialDelay how long after start the first sweep runs
 * @param interval the pause between the end of one sweep and the start of the next
 * @param abandonedChunkAge how long a bulk import chunk must have been open before a sweep counts
 *     it as left by a stop: far longer than storing and counting one chunk takes, so that a sweep
 *     never counts a chunk whose import is still storing it
 * @param minimumAge how long a device's version change must have been pending before a sweep counts
 *     it: far longer than a poll of device reports takes to finish (its changes are counted at the
 *     poll's end), so that a sweep counts only what a stop left behind
 */
@ConfigurationProperties("upgradehub.inventory.pending-sweep")
record PendingSweepProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration initialDelay,
    @DefaultValue("5m") Duration interval,
    @DefaultValue("10m") Duration abandonedChunkAge,
    @DefaultValue("1m") Duration minimumAge) {}
