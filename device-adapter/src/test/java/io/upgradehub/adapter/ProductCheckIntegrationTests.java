package io.upgradehub.adapter;

import static io.upgradehub.adapter.AdapterFixture.await;
import static io.upgradehub.adapter.AdapterFixture.publish;
import static io.upgradehub.adapter.AdapterFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter refuses messages of products and modules the platform does not have, as it learns
 * them from inventory-service's product topic, and knows the products registered before it started
 * from its first message on.
 */
class ProductCheckIntegrationTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String KNOWN = "known-" + UUID.randomUUID().toString().substring(0, 8);

  private static EmbeddedMqtt broker;
  private static AdapterFixture adapter;

  @BeforeAll
  static void start() {
    // registered before the adapter starts: it reads the topic to its end before it subscribes
    AdapterFixture.registerProducts(KNOWN, "mcu");
    broker = EmbeddedMqtt.start();
    adapter = AdapterFixture.start(broker);
  }

  @AfterAll
  static void stop() {
    if (adapter != null) {
      adapter.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void passesTheFirstMessageOfAProductRegisteredBeforeTheAdapterStarted() {
    DeviceKey device = new DeviceKey(KNOWN, "first-1");

    send(
        device, "inform", "{\"id\":\"f-1\",\"timestamp\":%d,\"module\":\"mcu\",\"version\":\"2\"}");

    assertThat(adapter.reports(of(device), 1, TIMEOUT)).hasSize(1);
  }

  @Test
  void countsAndDropsUnknownProductsAndModulesWhileAKnownProductsDeviceGetsThrough()
      throws Exception {
    DeviceKey ghost = new DeviceKey("ghost-" + UUID.randomUUID().toString().substring(0, 8), "g-1");
    DeviceKey wrongModule = new DeviceKey(KNOWN, "modem-1");
    DeviceKey good = new DeviceKey(KNOWN, "good-1");
    double unknownProductBefore = rejected("UNKNOWN_PRODUCT");
    double unknownModuleBefore = rejected("UNKNOWN_MODULE");

    send(ghost, "status", "{\"id\":\"s-1\",\"timestamp\":%d,\"online\":true}");
    send(ghost, "inform", "{\"id\":\"i-1\",\"timestamp\":%d,\"version\":\"1.0\"}");
    send(
        wrongModule,
        "inform",
        "{\"id\":\"i-2\",\"timestamp\":%d,\"module\":\"modem\",\"version\":\"1\"}");
    send(
        wrongModule,
        "request",
        "{\"id\":\"r-1\",\"timestamp\":%d,\"module\":\"modem\",\"version\":\"1\"}");
    send(good, "inform", "{\"id\":\"i-3\",\"timestamp\":%d,\"version\":\"1.0\"}");

    await(
        TIMEOUT,
        () ->
            rejected("UNKNOWN_PRODUCT") - unknownProductBefore >= 2
                && rejected("UNKNOWN_MODULE") - unknownModuleBefore >= 2);
    assertThat(adapter.reports(of(good), 1, TIMEOUT)).hasSize(1);
    assertThat(rejected("UNKNOWN_PRODUCT") - unknownProductBefore).isEqualTo(2);
    assertThat(rejected("UNKNOWN_MODULE") - unknownModuleBefore).isEqualTo(2);
    assertThat(adapter.reports(of(ghost).or(of(wrongModule)), 1, Duration.ofSeconds(1))).isEmpty();
    assertThat(adapter.prometheus()).contains("reason=\"UNKNOWN_MODULE\"");
  }

  @Test
  void learnsAProductRegisteredWhileItRuns() {
    String late = "late-" + UUID.randomUUID().toString().substring(0, 8);
    adapter.registerProduct(late, "mcu");
    DeviceKey device = new DeviceKey(late, "dev-1");

    send(
        device,
        "request",
        "{\"id\":\"r-2\",\"timestamp\":%d,\"module\":\"mcu\",\"version\":\"1\"}");

    List<ConsumerRecord<String, String>> reports = adapter.reports(of(device), 2, TIMEOUT);
    assertThat(reports)
        .extracting(record -> read(record).path("type").asString())
        .containsExactlyInAnyOrder("device.version-reported", "device.upgrade-requested");
  }

  /** Publishes {@code payload} (its {@code %d} replaced by now) as {@code device}. */
  private static void send(DeviceKey device, String message, String payload) {
    Mqtt5BlockingClient client =
        AdapterFixture.device5(broker, device.productKey(), device.deviceName());
    try {
      publish(
          client,
          "ota/v1/" + device.value() + "/" + message,
          payload.formatted(System.currentTimeMillis()));
    } finally {
      client.disconnect();
    }
  }

  private static double rejected(String reason) {
    return adapter.rejected(reason);
  }

  private static Predicate<ConsumerRecord<String, String>> of(DeviceKey device) {
    return record -> device.value().equals(record.key());
  }
}
