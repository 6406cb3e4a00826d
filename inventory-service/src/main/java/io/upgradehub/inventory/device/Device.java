package io.upgradehub.inventory.device;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A device of a product: the version of each of its modules, its upgrade counters and whether it is
 * connected. Versions and the online state follow the device's reports ({@link DeviceReports}), the
 * counters the ends of its upgrade attempts ({@link JobEvents}); registration starts them empty, at
 * zero and offline.
 *
 * @param versions per module name, sorted by name; empty when no version is known yet
 * @param tags the groups the device belongs to ({@link DeviceTags}), sorted; empty when none
 * @param lastSeenAt when the device last connected or sent a message; null before that
 * @param revision incremented on every write, for optimistic locking
 */
public record Device(
    DeviceId id,
    Map<String, ModuleVersion> versions,
    List<String> tags,
    long totalUpgrades,
    long totalFailures,
    boolean online,
    @Nullable Instant lastSeenAt,
    Instant createdAt,
    long revision) {

  public Device {
    Objects.requireNonNull(id, "id");
    versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    tags = tags.stream().sorted().distinct().toList();
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * A newly registered device without tags; see {@link #register(DeviceId, Map, List, Instant)}.
   */
  static Device register(DeviceId id, Map<String, String> initialVersions, Instant now) {
    return register(id, initialVersions, List.of(), now);
  }

  /**
   * A newly registered device with the versions and tags its registrant declared, recorded as of
   * now.
   */
  static Device register(
      DeviceId id, Map<String, String> initialVersions, List<String> tags, Instant now) {
    Map<String, ModuleVersion> versions = new TreeMap<>();
    initialVersions.forEach(
        (module, version) -> versions.put(module, new ModuleVersion(version, now)));
    return new Device(id, versions, tags, 0, 0, false, null, now, 0);
  }

  /** The version the device runs on {@code module}, or null when none is known. */
  @Nullable String versionOf(String module) {
    ModuleVersion version = versions.get(module);
    return version == null ? null : version.version();
  }

  /** When any module's version last changed, or null when no version is known. */
  @Nullable Instant versionUpdatedAt() {
    return versions.values().stream()
        .map(ModuleVersion::updatedAt)
        .max(Comparator.naturalOrder())
        .orElse(null);
  }
}
