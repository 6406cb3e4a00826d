package io.upgradehub.inventory.device;

import io.swagger.v3.oas.annotations.media.Schema;
import io.upgradehub.inventory.product.Product;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A device as the API shows it: the device list columns of the spec (§3.2) and every version. */
record DeviceResponse(
    String deviceName,
    String productKey,
    @Schema(description = "per module name: its version and when it was recorded")
        Map<String, ModuleVersion> versions,
    @Schema(description = "the groups the device belongs to, sorted; empty when none")
        List<String> tags,
    @Schema(description = "the version of module 'default'; null when unknown")
        @Nullable String moduleFirmwareVersion,
    @Schema(description = "the version of module 'mcu'; null when the device has none")
        @Nullable String mcuVersion,
    @Schema(description = "when any module's version last changed; null when none is known")
        @Nullable Instant versionUpdatedAt,
    long totalUpgrades,
    long totalFailures,
    boolean online,
    @Nullable Instant lastSeenAt,
    Instant createdAt) {

  static DeviceResponse of(Device d) {
    return new DeviceResponse(
        d.id().deviceName(),
        d.id().productKey(),
        d.versions(),
        d.tags(),
        d.versionOf(Product.DEFAULT_MODULE),
        d.versionOf(Product.MCU_MODULE),
        d.versionUpdatedAt(),
        d.totalUpgrades(),
        d.totalFailures(),
        d.online(),
        d.lastSeenAt(),
        d.createdAt());
  }
}
