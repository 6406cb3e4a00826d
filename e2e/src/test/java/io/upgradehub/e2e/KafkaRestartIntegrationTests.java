package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The device-adapter loses no device message while Kafka is away: it acknowledges a message to the
 * MQTT broker only once Kafka took its events, and retries the send meanwhile. The platform's own
 * Kafka broker is stopped, devices report, Kafka comes back on the same ports and data, and every
 * report must reach the inventory through the gateway.
 *
 * <p>The platform's broker (HiveMQ CE) hands a shared-subscription client new messages only once it
 * has none in flight, so while the first inform waits for Kafka the others wait in the broker: the
 * adapter holds one, the broker the rest, and no one acknowledged them to the other side.
 *
 * <p>The platform is shared with the other end-to-end tests of the JVM, so Kafka is started again
 * whatever happens here.
 */
class KafkaRestartIntegrationTests {

  private static final int DEVICES = 20;
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  // longer than the adapter producer's delivery.timeout.ms (30 s): no send of the producer's own
  // outlives the outage, so what arrives was sent again by the adapter
  private static final Duration OUTAGE = Duration.ofSeconds(40);
  // logged by the adapter when Kafka did not take a message's events (max.block.ms, or
  // delivery.timeout.ms)
  private static final String SEND_FAILED = "Kafka did not take the inform";

  private static Platform platform;
  private static Api api;

  @BeforeAll
  static void startPlatform() {
    platform = E2ePlatform.platform();
    api = E2ePlatform.api();
  }

  @Test
  void informsSentWhileKafkaIsDownReachTheInventoryOnceItIsBack() {
    assumeTrue(platform.isStarted(Component.KAFKA), "Kafka is not this platform's own");
    String product = registeredProduct();
    Map<String, String> versions = new TreeMap<>();
    List<Mqtt5BlockingClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < DEVICES; i++) {
        versions.put("dev-%02d".formatted(i), "1.0.%d".formatted(i));
      }
      for (String device : versions.keySet()) {
        clients.add(connect(product, device));
      }
      platform.stopKafka();
      long stopped = System.nanoTime();
      try {
        int i = 0;
        for (Map.Entry<String, String> entry : versions.entrySet()) {
          inform(clients.get(i++), product, entry.getKey(), "k-1", entry.getValue());
        }
        // the adapter's own retry is at work, not only the producer's buffering
        awaitFailedSend(product);
        sleep(Math.max(0, OUTAGE.minus(Duration.ofNanos(System.nanoTime() - stopped)).toMillis()));
      } finally {
        platform.startKafka();
      }

      for (Map.Entry<String, String> entry : versions.entrySet()) {
        awaitVersion(product, entry.getKey(), entry.getValue());
      }

      // the chain still works for what comes after the outage, and the platform is left as the
      // next test class needs it: a new product reaches the adapter (inventory's outbox, the
      // adapter's product reader) and its devices' reports are applied
      inform(clients.get(0), product, "dev-00", "k-2", "2.0.0");
      awaitVersion(product, "dev-00", "2.0.0");
      String later = registeredProduct();
      Mqtt5BlockingClient device = connect(later, "dev-after");
      clients.add(device);
      inform(device, later, "dev-after", "k-1", "3.0.0");
      awaitVersion(later, "dev-after", "3.0.0");
    } finally {
      clients.forEach(Mqtt5BlockingClient::disconnect);
    }
  }

  private static String registeredProduct() {
    String product = "e2e-kafka-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = api.registerProduct(E2ePlatform.ADMIN, product);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    AdapterProbe.awaitKnows(platform, product);
    return product;
  }

  private static Mqtt5BlockingClient connect(String product, String device) {
    return MqttDevice.connect(platform, product, device);
  }

  private static void inform(
      Mqtt5BlockingClient client, String product, String device, String id, String version) {
    MqttDevice.inform(client, product, device, id, "default", version);
  }

  /** Waits until the adapter logged that Kafka did not take an inform of {@code product}. */
  private static void awaitFailedSend(String product) {
    Path log = platform.logFile(Component.DEVICE_ADAPTER);
    String device = " of " + product + "/";
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (logLines(log).stream()
        .noneMatch(line -> line.contains(SEND_FAILED) && line.contains(device))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the device-adapter never logged a failed send in " + log);
      }
      sleep(500);
    }
  }

  private static List<String> logLines(Path log) {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // a partial character at the end: look again
    }
  }

  /** Polls the device through the gateway until it shows {@code version}, within the deadline. */
  private static void awaitVersion(String product, String device, String version) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          api.get("/api/v1/products/" + product + "/devices/" + device, E2ePlatform.VIEWER);
      if (response.statusCode() == 200) {
        last = Api.json(response);
        if (version.equals(last.path("moduleFirmwareVersion").asString())) {
          return;
        }
      }
      sleep(250);
    }
    throw new AssertionError(
        device + " never showed version " + version + " after Kafka's restart; last seen: " + last);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
