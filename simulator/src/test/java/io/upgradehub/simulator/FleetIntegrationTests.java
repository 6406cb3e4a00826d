package io.upgradehub.simulator;

import static io.upgradehub.simulator.PlatformSide.await;
import static io.upgradehub.simulator.PlatformSide.cancel;
import static io.upgradehub.simulator.PlatformSide.pause;
import static io.upgradehub.simulator.PlatformSide.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upgradehub.simulator.PlatformSide.Message;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class FleetIntegrationTests {

  static EmbeddedMqtt broker;
  PlatformSide platform;
  Fleet fleet;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedMqtt.start(0);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @BeforeEach
  void subscribe() {
    platform = new PlatformSide(broker.port());
  }

  @AfterEach
  void closeAll() {
    if (fleet != null) {
      fleet.close();
    }
    platform.close();
  }

  @Test
  void everyDeviceConnectsThenReportsOnlineAndOneInformPerModule() {
    fleet =
        fleetBuilder()
            .count(200)
            .connectRate(1000)
            .module("default", "1.0.0")
            .module("mcu", "0.9.0")
            .build();
    long before = System.currentTimeMillis();
    fleet.start();

    await(Duration.ofSeconds(30), () -> platform.kinds("inform").size() == 400);
    List<Message> statuses = platform.kinds("status");
    assertThat(statuses).hasSize(200);
    assertThat(statuses.stream().map(Message::device).collect(Collectors.toSet()))
        .isEqualTo(Set.copyOf(fleet.deviceNames()));
    assertThat(statuses)
        .allSatisfy(
            status -> {
              assertThat(status.body().get("online").asBoolean()).isTrue();
              assertThat(status.body().get("timestamp").isIntegralNumber()).isTrue();
              assertThat(status.body().get("timestamp").asLong()).isGreaterThanOrEqualTo(before);
              assertThat(status.body().get("id").asString()).matches("[A-Za-z0-9_.:-]{1,64}");
            });
    List<Message> informs = platform.kinds("inform");
    assertThat(informs)
        .allSatisfy(
            inform -> {
              assertThat(inform.body().get("id").asString()).matches("[A-Za-z0-9_.:-]{1,64}");
              assertThat(inform.body().get("timestamp").asLong()).isGreaterThanOrEqualTo(before);
            });
    assertThat(versionCounts(informs))
        .containsOnly(Map.entry("default=1.0.0", 200L), Map.entry("mcu=0.9.0", 200L));
    // ids are unique per device
    Map<String, List<Message>> byDevice =
        platform.messages.stream().collect(Collectors.groupingBy(Message::device));
    assertThat(byDevice.values())
        .allSatisfy(
            mine ->
                assertThat(mine.stream().map(m -> m.body().get("id").asString()).distinct().count())
                    .isEqualTo(mine.size()));
    // status comes before the informs of the same device
    assertThat(byDevice.values())
        .allSatisfy(mine -> assertThat(mine.get(0).kind()).isEqualTo("status"));
    assertThat(platform.kinds("request")).isEmpty();
    assertThat(fleet.stats().connected()).isEqualTo(200);
    await(Duration.ofSeconds(10), () -> fleet.stats().messagesSent() == 600);
  }

  @Test
  void numberedNamesAndWeightedVersionsGiveAMixedFleet() {
    fleet =
        fleetBuilder()
            .prefix("thermostat-")
            .numbering(1, 3)
            .count(60)
            .connectRate(1000)
            .module("default", Map.of("1.0.0", 1, "1.1.0", 2, "1.2.0", 1))
            .build();
    fleet.start();

    await(Duration.ofSeconds(30), () -> platform.kinds("inform").size() == 60);
    assertThat(fleet.deviceNames()).startsWith("thermostat-001", "thermostat-002");
    assertThat(fleet.deviceNames()).endsWith("thermostat-060");
    Map<String, Long> counts = versionCounts(platform.kinds("inform"));
    assertThat(counts.keySet())
        .containsExactlyInAnyOrder("default=1.0.0", "default=1.1.0", "default=1.2.0");
    assertThat(counts.get("default=1.1.0")).isGreaterThan(counts.get("default=1.2.0"));
  }

  @Test
  void requestOnConnectSendsOneRequestPerModuleWithItsVersion() {
    fleet =
        fleetBuilder()
            .count(2)
            .module("default", "1.0.0")
            .module("mcu", "0.9.0")
            .requestOnConnect(true)
            .build();
    fleet.start();

    await(Duration.ofSeconds(20), () -> platform.kinds("request").size() == 4);
    assertThat(versionCounts(platform.kinds("request")))
        .containsOnly(Map.entry("default=1.0.0", 2L), Map.entry("mcu=0.9.0", 2L));
    assertThat(fleet.stats().requests()).isEqualTo(4);
  }

  @Test
  void upgradeReportsProgressStepsThenInformsTheTargetVersion() {
    fleet = fleetBuilder().count(3).module("default", "1.0.0").module("mcu", "0.9.0").build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 6);

    platform.publish("sim-1", "upgrade", upgrade("job-1", "mcu", "0.9.1"));

    await(Duration.ofSeconds(20), () -> platform.informsOf("sim-1").size() == 3);
    assertThat(platform.steps("sim-1", "job-1")).containsExactly(1, 50, 80, 100);
    JsonNode last = platform.informsOf("sim-1").get(2).body();
    assertThat(last.get("module").asString()).isEqualTo("mcu");
    assertThat(last.get("version").asString()).isEqualTo("0.9.1");
    assertThat(fleet.stats().upgradesSucceeded()).isEqualTo(1);
    assertThat(fleet.versions().get("sim-1")).containsEntry("mcu", "0.9.1");
    assertThat(platform.messages)
        .filteredOn(m -> !m.device().equals("sim-1") && m.kind().equals("progress"))
        .isEmpty();
  }

  @Test
  void repeatedUpgradeMessageIsHandledOnce() {
    fleet = fleetBuilder().count(1).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 1);
    String upgrade = upgrade("job-1", "default", "2.0.0");

    platform.publish("sim-0", "upgrade", upgrade);
    platform.publish("sim-0", "upgrade", upgrade);

    await(Duration.ofSeconds(20), () -> platform.informsOf("sim-0").size() == 2);
    pause(Duration.ofMillis(300));
    assertThat(platform.steps("sim-0", "job-1")).containsExactly(1, 50, 80, 100);
    assertThat(platform.informsOf("sim-0")).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, -2, -3, -4})
  void failureRateOfOneForACodeReportsThatCodeAndNoNewVersion(int code) {
    fleet = fleetBuilder().count(2).failureRate(code, 1.0).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 2);

    platform.publish("sim-0", "upgrade", upgrade("job-a", "default", "2.0.0"));
    platform.publish("sim-1", "upgrade", upgrade("job-b", "default", "2.0.0"));

    await(Duration.ofSeconds(20), () -> fleet.stats().upgradesFailed() == 2);
    pause(Duration.ofMillis(300));
    List<Integer> expected =
        switch (code) {
          case -4 -> List.of(-4);
          case -3 -> List.of(1, 50, -3);
          default -> List.of(1, code);
        };
    assertThat(platform.steps("sim-0", "job-a")).isEqualTo(expected);
    assertThat(platform.steps("sim-1", "job-b")).isEqualTo(expected);
    assertThat(platform.lastDescription("sim-0")).contains("simulated failure");
    assertThat(platform.kinds("inform")).hasSize(2);
    assertThat(fleet.stats().upgradesSucceeded()).isZero();
  }

  @Test
  void latencyDelaysTheFirstAnswerToAnUpgrade() {
    fleet = fleetBuilder().count(1).latency(Duration.ofMillis(1500)).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 1);

    long sent = System.currentTimeMillis();
    platform.publish("sim-0", "upgrade", upgrade("job-l", "default", "2.0.0"));

    await(Duration.ofSeconds(20), () -> platform.informsOf("sim-0").size() == 2);
    assertThat(platform.steps("sim-0", "job-l")).containsExactly(1, 50, 80, 100);
    // the latency is drawn from half to one and a half times the setting: never below 750 ms
    long firstAnswer = platform.progressOf("sim-0").get(0).body().get("timestamp").asLong();
    assertThat(firstAnswer - sent).isGreaterThanOrEqualTo(750);
  }

  @Test
  void cancelDuringDownloadStopsTheJob() {
    fleet = fleetBuilder().count(1).downloadTime(Duration.ofSeconds(2)).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 1);
    platform.publish("sim-0", "upgrade", upgrade("job-5", "default", "2.0.0"));
    await(Duration.ofSeconds(10), () -> platform.steps("sim-0", "job-5").contains(1));

    platform.publish("sim-0", "cancel", cancel("job-5", "default"));

    await(Duration.ofSeconds(10), () -> fleet.stats().upgradesCancelled() == 1);
    pause(Duration.ofMillis(2500));
    assertThat(platform.steps("sim-0", "job-5")).containsExactly(1);
    assertThat(platform.informsOf("sim-0")).hasSize(1);
  }

  @Test
  void silentDeviceNeverAnswersUpgradeOrCancel() {
    fleet = fleetBuilder().count(1).silentShare(1.0).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 1);

    platform.publish("sim-0", "upgrade", upgrade("job-1", "default", "2.0.0"));
    platform.publish("sim-0", "upgrade", upgrade("job-2", "default", "2.0.0"));
    platform.publish("sim-0", "cancel", cancel("job-2", "default"));

    await(Duration.ofSeconds(10), () -> fleet.stats().messagesReceived() == 3);
    pause(Duration.ofMillis(500));
    assertThat(platform.progressOf("sim-0")).isEmpty();
    assertThat(platform.informsOf("sim-0")).hasSize(1);
    assertThat(fleet.stats().upgradesCancelled()).isZero();
  }

  @Test
  void closeDisconnectsCleanlyAfterAnOfflineStatusWithTheConnectionTimestamp() {
    fleet = fleetBuilder().count(5).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> fleet.stats().connected() == 5);
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 5);

    fleet.close();

    assertThat(fleet.stats().connected()).isZero();
    await(Duration.ofSeconds(10), () -> platform.kinds("status").size() == 10);
    Map<String, List<Message>> byDevice =
        platform.kinds("status").stream().collect(Collectors.groupingBy(Message::device));
    assertThat(byDevice).hasSize(5);
    assertThat(byDevice.values())
        .allSatisfy(
            pair -> {
              assertThat(pair.get(0).body().get("online").asBoolean()).isTrue();
              assertThat(pair.get(1).body().get("online").asBoolean()).isFalse();
              assertThat(pair.get(1).body().get("timestamp").asLong())
                  .isEqualTo(pair.get(0).body().get("timestamp").asLong());
            });
    // a clean disconnect sends no will: no third status arrives
    pause(Duration.ofMillis(300));
    assertThat(platform.kinds("status")).hasSize(10);
  }

  @Test
  void sharedConnectionsCarryEveryDeviceOnItsOwnTopicsOverFewSockets() {
    long before = broker.connections();
    fleet = fleetBuilder().count(40).connectRate(1000).sharedConnections(3).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 40);
    assertThat(broker.connections() - before).isEqualTo(3);
    assertThat(fleet.stats().connected()).isEqualTo(40);

    platform.publish("sim-7", "upgrade", upgrade("job-7", "default", "2.0.0"));
    platform.publish("sim-31", "upgrade", upgrade("job-31", "default", "2.0.0"));

    await(Duration.ofSeconds(20), () -> fleet.stats().upgradesSucceeded() == 2);
    await(Duration.ofSeconds(10), () -> platform.informsOf("sim-31").size() == 2);
    assertThat(platform.steps("sim-7", "job-7")).containsExactly(1, 50, 80, 100);
    assertThat(platform.steps("sim-31", "job-31")).containsExactly(1, 50, 80, 100);
    assertThat(platform.informsOf("sim-7").get(1).body().get("version").asString())
        .isEqualTo("2.0.0");
    assertThat(platform.kinds("progress"))
        .allSatisfy(progress -> assertThat(progress.device()).isIn("sim-7", "sim-31"));
    assertThat(fleet.stats().messagesReceived()).isEqualTo(2);

    fleet.close();
    await(Duration.ofSeconds(10), () -> platform.kinds("status").size() == 80);
    assertThat(platform.kinds("status"))
        .filteredOn(status -> !status.body().get("online").asBoolean())
        .hasSize(40);
    await(Duration.ofSeconds(10), () -> broker.connections() == before);
  }

  @Test
  void rejectsSettingsOutOfRange() {
    assertThatThrownBy(() -> Fleet.builder().failureRate(-5, 0.1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1..-4");
    assertThatThrownBy(() -> Fleet.builder().failureRate(-1, 0.6).failureRate(-2, 0.6).build())
        .hasMessageContaining("more than 1");
    assertThatThrownBy(() -> Fleet.builder().silentShare(1.5).build())
        .hasMessageContaining("silentShare");
    assertThatThrownBy(() -> Fleet.builder().latency(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Fleet.builder().module("default", Map.of()).build())
        .hasMessageContaining("no version");
    assertThatThrownBy(() -> Fleet.builder().sharedConnections(-1).build())
        .hasMessageContaining("sharedConnections");
    assertThatThrownBy(() -> Fleet.builder().verifyDownloads("not a key"))
        .hasMessageContaining("Ed25519");
  }

  Fleet.Builder fleetBuilder() {
    return Fleet.builder()
        .broker(broker.uri())
        .productKey(platform.product)
        .prefix("sim-")
        .connectRate(500)
        .stepDelay(Duration.ofMillis(20))
        .downloadTime(Duration.ofMillis(20))
        .seed(7);
  }

  static Map<String, Long> versionCounts(List<Message> reports) {
    return reports.stream()
        .collect(
            Collectors.groupingBy(
                m -> m.body().get("module").asString() + "=" + m.body().get("version").asString(),
                Collectors.counting()));
  }
}
