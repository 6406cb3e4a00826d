package io.upgradehub.inventory.device;

import java.time.Instant;

/**
 * The firmware version a device runs on one module, and since when the platform knows it.
 *
 * @param version 1-64 of A-Z a-z 0-9 . _ + -
 * @param updatedAt when this version was recorded
 */
public record ModuleVersion(String version, Instant updatedAt) {}
