package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.UpgradeCommand;
import io.upgradehub.platform.Platform;
import io.upgradehub.simulator.Fleet;
import io.upgradehub.simulator.SigningKey;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An upgrade end to end, device side: a package uploaded through the gateway, an upgrade command on
 * Kafka (published as campaign-service will publish it), the device-adapter turning it into an
 * {@code upgrade} message with a presigned URL from package-service, a simulated device downloading
 * and verifying the real file (size, SHA-256, Ed25519 signature) and reporting its new version, and
 * inventory-service showing it.
 */
class DeviceUpgradeIntegrationTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static Platform platform;
  private static Api api;

  @BeforeAll
  static void startPlatform() {
    platform = E2ePlatform.platform();
    api = E2ePlatform.api();
  }

  @Test
  void aSimulatedDeviceTakesAnUpgradeCommandAndReportsItsNewVersion() throws Exception {
    String product = "e2e-up-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(api.registerProduct(E2ePlatform.ADMIN, product).statusCode()).isEqualTo(201);
    byte[] firmware = ("UpgradeHub e2e firmware 2.0.0 " + product).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> uploaded =
        api.uploadOnceProductKnown(
            E2ePlatform.ADMIN,
            new Api.Metadata(
                "Firmware 2.0.0", "FULL", product, null, "2.0.0", List.of("1.0.0"), null),
            firmware);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    JsonNode pkg = Api.json(uploaded);
    AdapterProbe.awaitKnows(platform, product);

    String publicKey =
        SigningKey.fetch(
            platform.packageServiceUrl().resolve("/api/v1/packages/signing-key"), null);
    try (Fleet fleet =
        Fleet.builder()
            .broker(platform.mqttUri())
            .productKey(product)
            .prefix("dev-")
            .count(1)
            .module("default", "1.0.0")
            .verifyDownloads(publicKey)
            .stepDelay(Duration.ofMillis(100))
            .downloadTime(Duration.ofMillis(100))
            .build()) {
      fleet.start();
      String device = fleet.deviceNames().get(0);
      awaitVersion(product, device, "1.0.0");

      publishCommand(
          new UpgradeCommand(
              "job-" + UUID.randomUUID(),
              product,
              device,
              "default",
              pkg.path("id").asString(),
              "FULL",
              "2.0.0",
              pkg.path("size").asLong(),
              pkg.path("sha256").asString(),
              pkg.path("md5").asString(),
              pkg.path("signature").asString(),
              "Ed25519",
              Instant.now()));

      awaitVersion(product, device, "2.0.0");
      assertThat(fleet.stats().upgradesSucceeded()).isEqualTo(1);
      assertThat(fleet.stats().upgradesFailed()).isZero();
      assertThat(fleet.versions().get(device)).containsEntry("default", "2.0.0");
      JsonNode log =
          Api.json(
              api.get(
                  "/api/v1/products/" + product + "/devices/" + device + "/upgrade-log",
                  E2ePlatform.VIEWER));
      assertThat(log.path("items").values())
          .extracting(entry -> entry.path("toVersion").asString())
          .contains("2.0.0");
    }
  }

  private static void publishCommand(UpgradeCommand command) throws Exception {
    DeviceKey device = new DeviceKey(command.productKey(), command.deviceName());
    EventEnvelope<UpgradeCommand> envelope =
        new EventEnvelope<>(
            UUID.randomUUID().toString(),
            UpgradeCommand.TYPE,
            UpgradeCommand.VERSION,
            DeviceTopics.COMMANDS_SOURCE,
            Instant.now(),
            device.value(),
            command);
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  DeviceTopics.DEVICE_COMMANDS,
                  device.value(),
                  Api.JSON.writeValueAsString(envelope)))
          .get();
    }
  }

  private static void awaitVersion(String product, String device, String version) {
    await(
        () -> {
          HttpResponse<String> response =
              api.get("/api/v1/products/" + product + "/devices/" + device, E2ePlatform.VIEWER);
          return response.statusCode() == 200
              && version.equals(Api.json(response).path("moduleFirmwareVersion").asString());
        },
        product + "/" + device + " on " + version);
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("still waiting for " + what).isLessThan(deadline);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
