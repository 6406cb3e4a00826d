package io.upgradehub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorMainTests {

  @Test
  void readsEveryBehaviourOptionIntoTheFleetSettings() {
    Fleet.Builder builder =
        SimulatorMain.builder(
            Map.ofEntries(
                Map.entry("devices", "3"),
                Map.entry("prefix", "cam-"),
                Map.entry("first", "1"),
                Map.entry("digits", "3"),
                Map.entry("versions", "default=1.0.0:3|1.1.0:1,mcu=0.9.0"),
                Map.entry("fail", "-3:0.1,-1:0.05"),
                Map.entry("silent", "0.2"),
                Map.entry("latency", "500ms"),
                Map.entry("request", "true"),
                Map.entry("public-key", PlatformSide.EXAMPLE_PUBLIC_KEY),
                Map.entry("interrupt-downloads", "4096:1s"),
                Map.entry("shared-connections", "4")));

    try (Fleet fleet = builder.build()) {
      Fleet.Settings settings = fleet.settings;
      assertThat(settings.count()).isEqualTo(3);
      assertThat(settings.modules())
          .containsEntry("default", Map.of("1.0.0", 3, "1.1.0", 1))
          .containsEntry("mcu", Map.of("0.9.0", 1));
      assertThat(settings.failureRates()).containsOnly(Map.entry(-3, 0.1), Map.entry(-1, 0.05));
      assertThat(settings.silentShare()).isEqualTo(0.2);
      assertThat(settings.latency()).isEqualTo(Duration.ofMillis(500));
      assertThat(settings.requestOnConnect()).isTrue();
      assertThat(settings.publicKey()).isNotNull();
      assertThat(settings.interruptAfter()).isEqualTo(4096);
      assertThat(settings.interruptPause()).isEqualTo(Duration.ofSeconds(1));
      assertThat(settings.sharedConnections()).isEqualTo(4);
    }
  }

  @Test
  void badOptionValuesAreRefusedWithTheOptionNamed() {
    assertThatThrownBy(() -> SimulatorMain.builder(Map.of("devices", "many")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--devices");
    assertThatThrownBy(() -> SimulatorMain.builder(Map.of("request", "yes")))
        .hasMessageContaining("--request");
    assertThatThrownBy(() -> SimulatorMain.builder(Map.of("fail", "-3")))
        .hasMessageContaining("--fail");
    assertThatThrownBy(() -> SimulatorMain.builder(Map.of("versions", "default")))
        .hasMessageContaining("--versions");
    assertThatThrownBy(() -> SimulatorMain.builder(Map.of("fail", "-7:0.5")).build())
        .hasMessageContaining("-1..-4");
  }
}
