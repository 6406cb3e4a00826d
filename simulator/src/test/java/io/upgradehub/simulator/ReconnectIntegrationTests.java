package io.upgradehub.simulator;

import static io.upgradehub.simulator.PlatformSide.await;
import static io.upgradehub.simulator.PlatformSide.upgrade;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.simulator.PlatformSide.Message;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A broker that goes away and comes back (a new HiveMQ CE on the same port, its sessions lost): the
 * devices reconnect with backoff and report again, as after any connect.
 */
class ReconnectIntegrationTests {

  EmbeddedMqtt broker;
  ConnectionGate gate;
  PlatformSide platform;
  Fleet fleet;

  @AfterEach
  void closeAll() {
    if (fleet != null) {
      fleet.close();
    }
    if (platform != null) {
      platform.close();
    }
    if (gate != null) {
      gate.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void devicesReconnectAfterABrokerRestartAndSendStatusAndInformAgain() {
    broker = EmbeddedMqtt.start(0);
    int port = broker.port();
    gate = new ConnectionGate(port);
    platform = new PlatformSide(port);
    String product = platform.product;
    fleet =
        Fleet.builder()
            .broker(URI.create("tcp://127.0.0.1:" + gate.port()))
            .productKey(product)
            .count(3)
            .module("default", "1.0.0")
            .module("mcu", "0.9.0")
            .requestOnConnect(true)
            .reconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(800))
            .stepDelay(Duration.ofMillis(20))
            .downloadTime(Duration.ofMillis(20))
            .build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("request").size() == 6);
    Map<String, Long> firstConnection = onlineTimestamps(platform.kinds("status"));

    gate.shut();
    platform.close();
    broker.close();
    await(Duration.ofSeconds(20), () -> fleet.stats().connected() == 0);
    broker = EmbeddedMqtt.start(port);
    platform = new PlatformSide(port, product);
    gate.open();

    await(Duration.ofSeconds(30), () -> platform.kinds("inform").size() == 6);
    assertThat(fleet.stats().connected()).isEqualTo(3);
    assertThat(fleet.stats().reconnects()).isEqualTo(3);
    Map<String, Long> secondConnection = onlineTimestamps(platform.kinds("status"));
    assertThat(secondConnection).containsOnlyKeys(firstConnection.keySet());
    secondConnection.forEach(
        (device, timestamp) -> assertThat(timestamp).isGreaterThan(firstConnection.get(device)));
    assertThat(FleetIntegrationTests.versionCounts(platform.kinds("inform")))
        .containsOnly(Map.entry("default=1.0.0", 3L), Map.entry("mcu=0.9.0", 3L));
    // status first again; requests are not repeated within a minute (§4.4)
    Map<String, List<Message>> byDevice =
        platform.messages.stream().collect(Collectors.groupingBy(Message::device));
    assertThat(byDevice.values())
        .allSatisfy(mine -> assertThat(mine.get(0).kind()).isEqualTo("status"));
    assertThat(platform.kinds("request")).isEmpty();

    // the new broker lost the session: the devices subscribed again and take commands
    platform.publish("sim-2", "upgrade", upgrade("job-after", "default", "2.0.0"));
    await(Duration.ofSeconds(20), () -> platform.informsOf("sim-2").size() == 3);
    assertThat(platform.steps("sim-2", "job-after")).containsExactly(1, 50, 80, 100);
  }

  private static Map<String, Long> onlineTimestamps(List<Message> statuses) {
    return statuses.stream()
        .filter(status -> status.body().get("online").asBoolean())
        .collect(
            Collectors.toMap(Message::device, status -> status.body().get("timestamp").asLong()));
  }
}
