package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.upgradehub.platform.Platform;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A device's reports end to end: a real MQTT client publishes to the platform's broker, the
 * device-adapter turns the messages into events on Kafka, inventory-service applies them, and the
 * gateway shows the result — no piece of the chain replaced.
 */
class DeviceReportsIntegrationTests {

  private static Platform platform;
  private static Api api;

  @BeforeAll
  static void startPlatform() {
    platform = E2ePlatform.platform();
    api = E2ePlatform.api();
  }

  @Test
  void informedVersionShowsInTheInventoryAndRepeatsChangeNothing() {
    String product = registeredProduct();
    String device = "sensor-" + UUID.randomUUID().toString().substring(0, 8);
    Mqtt5BlockingClient client = MqttDevice.connect(platform, product, device);
    try {
      MqttDevice.inform(client, product, device, "m-1", "mcu", "2.0.0");
      MqttDevice.inform(client, product, device, "m-1", "mcu", "2.0.0");
      MqttDevice.inform(client, product, device, "m-2", "default", "1.5.0");

      JsonNode shown =
          awaitDevice(
              product,
              device,
              d ->
                  "1.5.0".equals(d.path("moduleFirmwareVersion").asString())
                      && "2.0.0".equals(d.path("mcuVersion").asString()));
      assertThat(shown.path("mcuVersion").asString()).isEqualTo("2.0.0");

      JsonNode log =
          Api.json(
              api.get(
                  "/api/v1/products/" + product + "/devices/" + device + "/upgrade-log",
                  E2ePlatform.VIEWER));
      assertThat(log.path("items").values())
          .extracting(
              entry -> entry.path("module").asString() + ":" + entry.path("toVersion").asString())
          .containsExactlyInAnyOrder("mcu:2.0.0", "default:1.5.0");
    } finally {
      client.disconnect();
    }
  }

  private static String registeredProduct() {
    String product = "e2e-dev-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created =
        api.postJson(
            "/api/v1/products",
            E2ePlatform.ADMIN,
            "{\"productKey\":\""
                + product
                + "\",\"name\":\"Sensor\",\"modules\":[{\"name\":\"mcu\"}]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    AdapterProbe.awaitKnows(platform, product);
    return product;
  }

  /** Polls the device through the gateway until {@code ready} holds, for at most 60 s. */
  private static JsonNode awaitDevice(String product, String device, Predicate<JsonNode> ready) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          api.get("/api/v1/products/" + product + "/devices/" + device, E2ePlatform.VIEWER);
      if (response.statusCode() == 200) {
        last = Api.json(response);
        if (ready.test(last)) {
          return last;
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("device never reached the expected state; last seen: " + last);
  }
}
