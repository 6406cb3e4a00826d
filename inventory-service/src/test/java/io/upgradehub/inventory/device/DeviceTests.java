package io.upgradehub.inventory.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceTests {

  private static final DeviceId ID = new DeviceId("cam", "cam-1");
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void registersOfflineWithZeroCountersAndTheDeclaredVersionsAsOfNow() {
    Device device = Device.register(ID, Map.of("default", "1.0", "mcu", "2.0"), NOW);

    assertThat(device.versions())
        .containsOnly(
            Map.entry("default", new ModuleVersion("1.0", NOW)),
            Map.entry("mcu", new ModuleVersion("2.0", NOW)));
    assertThat(device.versionOf("mcu")).isEqualTo("2.0");
    assertThat(device.versionUpdatedAt()).isEqualTo(NOW);
    assertThat(device.totalUpgrades()).isZero();
    assertThat(device.totalFailures()).isZero();
    assertThat(device.online()).isFalse();
    assertThat(device.lastSeenAt()).isNull();
    assertThat(device.createdAt()).isEqualTo(NOW);
  }

  @Test
  void versionUpdateTimeIsTheLatestOfItsModules() {
    Instant later = NOW.plusSeconds(60);
    Device device =
        new Device(
            ID,
            Map.of("default", new ModuleVersion("1.0", NOW), "mcu", new ModuleVersion("2", later)),
            List.of(),
            0,
            0,
            false,
            null,
            NOW,
            0);

    assertThat(device.versionUpdatedAt()).isEqualTo(later);
  }

  @Test
  void keepsItsTagsSortedAndDistinct() {
    Device device = Device.register(ID, Map.of(), List.of("zone:b", "beta", "zone:b"), NOW);

    assertThat(device.tags()).containsExactly("beta", "zone:b");
    assertThat(Device.register(ID, Map.of(), NOW).tags()).isEmpty();
  }

  @Test
  void hasNoVersionUpdateTimeWithoutVersions() {
    Device device = Device.register(ID, Map.of(), NOW);

    assertThat(device.versionUpdatedAt()).isNull();
    assertThat(device.versionOf("default")).isNull();
  }

  @Test
  void idJoinsProductKeyAndDeviceName() {
    assertThat(ID.value()).isEqualTo("cam/cam-1");
  }
}
