package io.upgradehub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.sun.net.httpserver.HttpServer;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FleetIntegrationTests {

  static final JsonMapper JSON = JsonMapper.builder().build();
  // the test vector of docs/device-protocol.md §4.5
  static final String PUBLIC_KEY = "MCowBQYDK2VwAyEAyCfWIWNCh0imH8VI9LFoYm+qvJUGddvtm8Lt8Ne8VV0=";
  static final String FILE = "UpgradeHub example firmware 2.0.0\n";
  static final String SHA256 = "5d5e67d9bdcdab78df2b26980ee112cb47011761f230739b4da7e7a8160b8c8d";
  static final String SIGNATURE =
      "0HS0P23OFKhQ3J+6ROdvt0TsaSjaXgp056khSxp03SsaWwVWAeiwHwn80N3xekm139Y6duCX6O08x8iiGqrFDA==";

  static EmbeddedMqtt broker;
  Mqtt5BlockingClient platform;
  final Queue<Message> messages = new ConcurrentLinkedQueue<>();
  Fleet fleet;
  String product;

  record Message(String device, String kind, JsonNode body) {}

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
    product = "p" + UUID.randomUUID().toString().substring(0, 8);
    platform =
        Mqtt5Client.builder()
            .identifier("platform-" + product)
            .serverHost("127.0.0.1")
            .serverPort(broker.port())
            .buildBlocking();
    platform.connect();
    platform
        .toAsync()
        .publishes(
            MqttGlobalPublishFilter.SUBSCRIBED,
            publish -> {
              List<String> levels =
                  publish.getTopic().getLevels().stream().map(Object::toString).toList();
              if (levels.get(2).equals(product)) {
                messages.add(
                    new Message(
                        levels.get(3), levels.get(4), JSON.readTree(publish.getPayloadAsBytes())));
              }
            });
    platform.subscribeWith().topicFilter("ota/v1/+/+/#").qos(MqttQos.AT_LEAST_ONCE).send();
  }

  @AfterEach
  void closeAll() {
    if (fleet != null) {
      fleet.close();
    }
    platform.disconnect();
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

    await(Duration.ofSeconds(30), () -> kinds("inform").size() == 400);
    List<Message> statuses = kinds("status");
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
    List<Message> informs = kinds("inform");
    assertThat(informs)
        .allSatisfy(
            inform -> {
              assertThat(inform.body().get("id").asString()).matches("[A-Za-z0-9_.:-]{1,64}");
              assertThat(inform.body().get("timestamp").asLong()).isGreaterThanOrEqualTo(before);
            });
    Map<String, Long> perModuleVersion =
        informs.stream()
            .collect(
                Collectors.groupingBy(
                    m ->
                        m.body().get("module").asString()
                            + "="
                            + m.body().get("version").asString(),
                    Collectors.counting()));
    assertThat(perModuleVersion)
        .containsOnly(Map.entry("default=1.0.0", 200L), Map.entry("mcu=0.9.0", 200L));
    // ids are unique per device
    Map<String, List<Message>> byDevice =
        messages.stream().collect(Collectors.groupingBy(Message::device));
    assertThat(byDevice.values())
        .allSatisfy(
            mine ->
                assertThat(mine.stream().map(m -> m.body().get("id").asString()).distinct().count())
                    .isEqualTo(mine.size()));
    // status comes before the informs of the same device
    assertThat(byDevice.values())
        .allSatisfy(mine -> assertThat(mine.get(0).kind()).isEqualTo("status"));
    assertThat(fleet.stats().connected()).isEqualTo(200);
    await(Duration.ofSeconds(10), () -> fleet.stats().messagesSent() == 600);
  }

  @Test
  void upgradeReportsProgressStepsThenInformsTheTargetVersion() {
    fleet = fleetBuilder().count(3).module("default", "1.0.0").module("mcu", "0.9.0").build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> kinds("inform").size() == 6);

    publish("sim-1", "upgrade", upgrade("job-1", "mcu", "0.9.1"));

    await(Duration.ofSeconds(20), () -> informsOf("sim-1").size() == 3);
    assertThat(steps("sim-1", "job-1")).containsExactly(10, 50, 80, 100);
    JsonNode last = informsOf("sim-1").get(2).body();
    assertThat(last.get("module").asString()).isEqualTo("mcu");
    assertThat(last.get("version").asString()).isEqualTo("0.9.1");
    assertThat(fleet.stats().upgradesSucceeded()).isEqualTo(1);
    assertThat(messages)
        .filteredOn(m -> !m.device().equals("sim-1") && m.kind().equals("progress"))
        .isEmpty();
  }

  @Test
  void repeatedUpgradeMessageIsHandledOnce() {
    fleet = fleetBuilder().count(1).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> kinds("inform").size() == 1);
    String upgrade = upgrade("job-1", "default", "2.0.0");

    publish("sim-0", "upgrade", upgrade);
    publish("sim-0", "upgrade", upgrade);

    await(Duration.ofSeconds(20), () -> informsOf("sim-0").size() == 2);
    pause(Duration.ofMillis(300));
    assertThat(steps("sim-0", "job-1")).containsExactly(10, 50, 80, 100);
    assertThat(informsOf("sim-0")).hasSize(2);
  }

  @Test
  void installFailureRateOfOneReportsMinusThreeAndNoNewInform() {
    fleet = fleetBuilder().count(1).failureRate(-3, 1.0).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> kinds("inform").size() == 1);

    publish("sim-0", "upgrade", upgrade("job-9", "default", "2.0.0"));

    await(Duration.ofSeconds(20), () -> steps("sim-0", "job-9").contains(-3));
    pause(Duration.ofMillis(300));
    assertThat(steps("sim-0", "job-9")).containsExactly(10, 50, -3);
    assertThat(progressOf("sim-0").get(2).body().get("desc").asString()).contains("install");
    assertThat(informsOf("sim-0")).hasSize(1);
    assertThat(fleet.stats().upgradesFailed()).isEqualTo(1);
  }

  @Test
  void cancelDuringDownloadStopsTheJob() {
    fleet = fleetBuilder().count(1).downloadTime(Duration.ofSeconds(2)).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> kinds("inform").size() == 1);
    publish("sim-0", "upgrade", upgrade("job-5", "default", "2.0.0"));
    await(Duration.ofSeconds(10), () -> steps("sim-0", "job-5").contains(10));

    publish(
        "sim-0",
        "cancel",
        "{\"id\":\"%s\",\"timestamp\":%d,\"jobId\":\"job-5\",\"module\":\"default\"}"
            .formatted(UUID.randomUUID(), System.currentTimeMillis()));

    await(Duration.ofSeconds(10), () -> fleet.stats().upgradesCancelled() == 1);
    pause(Duration.ofMillis(2500));
    assertThat(steps("sim-0", "job-5")).containsExactly(10);
    assertThat(informsOf("sim-0")).hasSize(1);
  }

  @Test
  void silentDeviceNeverAnswers() {
    fleet = fleetBuilder().count(1).silentShare(1.0).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> kinds("inform").size() == 1);

    publish("sim-0", "upgrade", upgrade("job-1", "default", "2.0.0"));

    await(Duration.ofSeconds(10), () -> fleet.stats().messagesReceived() == 1);
    pause(Duration.ofMillis(500));
    assertThat(progressOf("sim-0")).isEmpty();
  }

  @Test
  void closeDisconnectsCleanlyAfterAnOfflineStatusWithTheConnectionTimestamp() {
    fleet = fleetBuilder().count(5).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> fleet.stats().connected() == 5);
    await(Duration.ofSeconds(20), () -> kinds("inform").size() == 5);

    fleet.close();

    assertThat(fleet.stats().connected()).isZero();
    await(Duration.ofSeconds(10), () -> kinds("status").size() == 10);
    Map<String, List<Message>> byDevice =
        kinds("status").stream().collect(Collectors.groupingBy(Message::device));
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
    assertThat(kinds("status")).hasSize(10);
  }

  @Test
  void verifiedDownloadSucceedsAndTamperedFileFailsWithMinusTwo() throws Exception {
    HttpServer files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    files.createContext(
        "/good",
        exchange -> {
          byte[] body = FILE.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    files.createContext(
        "/bad",
        exchange -> {
          byte[] body = FILE.replace('2', '3').getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    files.start();
    try {
      fleet = fleetBuilder().count(2).verifyDownloads(PUBLIC_KEY).build();
      fleet.start();
      await(Duration.ofSeconds(20), () -> kinds("inform").size() == 2);
      String base = "http://127.0.0.1:" + files.getAddress().getPort();

      publish("sim-0", "upgrade", upgrade("job-g", "default", "2.0.0", base + "/good"));
      publish("sim-1", "upgrade", upgrade("job-b", "default", "2.0.0", base + "/bad"));

      await(Duration.ofSeconds(20), () -> informsOf("sim-0").size() == 2);
      await(Duration.ofSeconds(20), () -> steps("sim-1", "job-b").contains(-2));
      assertThat(steps("sim-0", "job-g")).containsExactly(10, 50, 80, 100);
      assertThat(steps("sim-1", "job-b")).containsExactly(10, -2);
      assertThat(progressOf("sim-1").get(1).body().get("desc").asString()).contains("sha256");
    } finally {
      files.stop(0);
    }
  }

  Fleet.Builder fleetBuilder() {
    return Fleet.builder()
        .broker(broker.uri())
        .productKey(product)
        .prefix("sim-")
        .connectRate(500)
        .stepDelay(Duration.ofMillis(20))
        .downloadTime(Duration.ofMillis(20))
        .seed(7);
  }

  static String upgrade(String jobId, String module, String target) {
    return upgrade(jobId, module, target, "http://127.0.0.1:9/none");
  }

  static String upgrade(String jobId, String module, String target, String url) {
    long now = System.currentTimeMillis();
    return """
        {"id":"%s","timestamp":%d,"jobId":"%s","module":"%s","packageType":"FULL",\
        "targetVersion":"%s","size":34,"sha256":"%s","md5":"848513c66fb2b547fb1b66b023b6f30b",\
        "signature":"%s","signMethod":"Ed25519","url":"%s","urlExpiresAt":%d}"""
        .formatted(
            UUID.randomUUID(), now, jobId, module, target, SHA256, SIGNATURE, url, now + 900_000);
  }

  void publish(String device, String kind, String payload) {
    platform
        .publishWith()
        .topic("ota/v1/" + product + "/" + device + "/" + kind)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
  }

  List<Message> kinds(String kind) {
    return messages.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  List<Message> informsOf(String device) {
    return kinds("inform").stream().filter(m -> m.device().equals(device)).toList();
  }

  List<Message> progressOf(String device) {
    return kinds("progress").stream().filter(m -> m.device().equals(device)).toList();
  }

  List<Integer> steps(String device, String jobId) {
    return progressOf(device).stream()
        .filter(m -> m.body().get("jobId").asString().equals(jobId))
        .map(m -> m.body().get("step").asInt())
        .toList();
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code condition} until true; fails the test when the deadline passes first. */
  static void await(Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition still false after %s", timeout).isBefore(deadline);
      pause(Duration.ofMillis(50));
    }
  }
}
