package io.upgradehub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's simulated fleet on a real MQTT broker: the platform reuses a broker the test
 * started (so that the test listens before the first device connects), starts the devices once
 * ready, and stops them on close.
 */
class PlatformFleetIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  record Report(String product, String device, String kind, JsonNode body) {}

  @Test
  void simulatedDevicesOfTheDemoProductsReportMixedVersionsAnswerUpgradesAndLeaveOnClose() {
    Queue<Report> reports = new ConcurrentLinkedQueue<>();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (EmbeddedMqtt broker = EmbeddedMqtt.start(0)) {
      Mqtt5BlockingClient observer = observe(broker, reports);
      Platform platform =
          Platform.builder()
              .directory(dir)
              .freePorts()
              .port(Component.MQTT, broker.port())
              .components(EnumSet.of(Component.MQTT))
              .simulatedDevices(10)
              .output(new PrintStream(output, true))
              .start();
      try {
        assertThat(platform.isReused(Component.MQTT)).isTrue();
        assertThat(platform.fleet()).isPresent();
        // 6 thermostats with one module, 4 gateways with two
        await(() -> of(reports, "inform").size() == 14);
        List<Report> online = of(reports, "status");
        assertThat(online.stream().map(r -> r.product() + "/" + r.device()))
            .contains("demo-thermostat/thermostat-001", "demo-thermostat/thermostat-006")
            .contains("demo-gateway/gateway-001", "demo-gateway/gateway-004")
            .hasSize(10);
        Set<String> versions =
            of(reports, "inform").stream()
                .map(
                    r ->
                        r.product()
                            + ":"
                            + r.body().get("module").asString()
                            + "="
                            + r.body().get("version").asString())
                .collect(Collectors.toSet());
        assertThat(versions.stream().filter(v -> v.startsWith("demo-thermostat:")).count())
            .isGreaterThan(1);
        // each device asks for its jobs after its informs: the last request may still be on its way
        await(() -> of(reports, "request").size() >= 14);
        assertThat(of(reports, "request")).hasSize(14);
        assertThat(output.toString()).contains("simulated fleet").contains("10 devices");

        for (int i = 1; i <= 6; i++) {
          upgrade(observer, "thermostat-00" + i, "job-" + i);
        }
        await(
            () ->
                of(reports, "inform").stream()
                    .anyMatch(r -> "1.2.1".equals(r.body().get("version").asString())));
      } finally {
        platform.close();
      }
      await(
          () ->
              of(reports, "status").stream()
                      .filter(r -> !r.body().get("online").asBoolean())
                      .count()
                  == 10);
      assertThat(platform.fleet().orElseThrow().connected()).isZero();
      observer.disconnect();
    }
  }

  private static Mqtt5BlockingClient observe(EmbeddedMqtt broker, Queue<Report> reports) {
    Mqtt5BlockingClient client =
        Mqtt5Client.builder()
            .identifier("observer-" + UUID.randomUUID())
            .serverHost("127.0.0.1")
            .serverPort(broker.port())
            .buildBlocking();
    client.connect();
    client
        .toAsync()
        .publishes(
            MqttGlobalPublishFilter.SUBSCRIBED,
            publish -> {
              List<String> levels =
                  publish.getTopic().getLevels().stream().map(Object::toString).toList();
              reports.add(
                  new Report(
                      levels.get(2),
                      levels.get(3),
                      levels.get(4),
                      JSON.readTree(publish.getPayloadAsBytes())));
            });
    for (String kind : List.of("status", "inform", "request")) {
      client.subscribeWith().topicFilter("ota/v1/+/+/" + kind).qos(MqttQos.AT_LEAST_ONCE).send();
    }
    return client;
  }

  private static void upgrade(Mqtt5BlockingClient client, String device, String jobId) {
    long now = System.currentTimeMillis();
    String upgrade =
        """
        {"id":"%s","timestamp":%d,"jobId":"%s","module":"default","packageType":"FULL",\
        "targetVersion":"1.2.1","size":34,"sha256":"%s","md5":"%s","signature":"%s",\
        "signMethod":"Ed25519","url":"http://127.0.0.1:9/none","urlExpiresAt":%d}"""
            .formatted(
                UUID.randomUUID(),
                now,
                jobId,
                "0".repeat(64),
                "0".repeat(32),
                "A".repeat(86) + "==",
                now + 900_000);
    client
        .publishWith()
        .topic("ota/v1/demo-thermostat/" + device + "/upgrade")
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(upgrade.getBytes(StandardCharsets.UTF_8))
        .send();
  }

  private static List<Report> of(Queue<Report> reports, String kind) {
    return reports.stream().filter(r -> r.kind().equals(kind)).toList();
  }

  private static void await(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition still false after 60 s").isBefore(deadline);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
