package io.upgradehub.adapter;

import static io.upgradehub.adapter.AdapterFixture.await;
import static io.upgradehub.adapter.AdapterFixture.publish;
import static io.upgradehub.adapter.AdapterFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Devices publish over a real MQTT broker; the adapter publishes their events to a real Kafka. Each
 * test uses its own product key, so that it reads only its own events.
 */
class DeviceIngestionIntegrationTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long NOW = System.currentTimeMillis();

  private static EmbeddedMqtt broker;
  private static AdapterFixture adapter;

  @BeforeAll
  static void start() {
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
  void publishesEachMessageKindAsItsEventsKeyedByDevice() {
    String product = product();
    DeviceKey device = new DeviceKey(product, "cam-0001");
    Mqtt5BlockingClient client = AdapterFixture.device5(broker, product, "cam-0001");
    String base = "ota/v1/" + product + "/cam-0001/";
    try {
      publish(
          client, base + "status", "{\"id\":\"s-1\",\"timestamp\":" + NOW + ",\"online\":true}");
      publish(
          client,
          base + "inform",
          "{\"id\":\"i-1\",\"timestamp\":" + NOW + ",\"version\":\"1.4.2\",\"extra\":[1,2]}");
      publish(
          client,
          base + "progress",
          "{\"id\":\"p-1\",\"timestamp\":"
              + NOW
              + ",\"jobId\":\"job-7\",\"step\":-2,\"desc\":\"sha256 mismatch\"}");
      publish(
          client,
          base + "request",
          "{\"id\":\"r-1\",\"timestamp\":"
              + NOW
              + ",\"module\":\"mcu\",\"version\":\"0.9.1\",\"productKey\":\""
              + product
              + "\"}");
      publish(
          client, base + "status", "{\"id\":\"s-2\",\"timestamp\":" + NOW + ",\"online\":false}");
    } finally {
      client.disconnect();
    }

    List<ConsumerRecord<String, String>> events = adapter.reports(ofDevice(device), 6, TIMEOUT);

    assertThat(events).extracting(ConsumerRecord::key).containsOnly(device.value());
    assertThat(events)
        .extracting(record -> read(record).path("type").asString())
        .containsExactlyInAnyOrder(
            "device.connected",
            "device.version-reported",
            "device.progress-reported",
            "device.version-reported",
            "device.upgrade-requested",
            "device.disconnected");
    JsonNode inform = event(events, "device.version-reported", "i-1");
    assertThat(inform.path("id").asString())
        .isEqualTo(device.eventId("device.version-reported", "i-1").toString());
    assertThat(inform.path("source").asString()).isEqualTo("device-adapter");
    assertThat(inform.path("subject").asString()).isEqualTo(device.value());
    assertThat(inform.path("version").asInt()).isEqualTo(1);
    assertThat(inform.path("data").path("module").asString()).isEqualTo("default");
    assertThat(inform.path("data").path("version").asString()).isEqualTo("1.4.2");
    assertThat(inform.path("data").path("deviceName").asString()).isEqualTo("cam-0001");
    JsonNode progress = event(events, "device.progress-reported", "p-1");
    assertThat(progress.path("data").path("jobId").asString()).isEqualTo("job-7");
    assertThat(progress.path("data").path("step").isNull()).isTrue();
    assertThat(progress.path("data").path("failureCode").asInt()).isEqualTo(-2);
    assertThat(progress.path("data").path("description").asString()).isEqualTo("sha256 mismatch");
    JsonNode requested = event(events, "device.upgrade-requested", "r-1");
    assertThat(requested.path("data").path("module").asString()).isEqualTo("mcu");
    assertThat(requested.path("data").path("currentVersion").asString()).isEqualTo("0.9.1");
    assertThat(requested.path("data").path("channel").asString()).isEqualTo("MQTT");
    assertThat(
            event(events, "device.version-reported", "r-1").path("data").path("module").asString())
        .isEqualTo("mcu");
    assertThat(adapter.counter("upgradehub.device.messages.received", "message", "status"))
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void isReadyWithEveryOneOfItsSubscriberConnectionsSubscribed() throws Exception {
    try (AdapterFixture several =
        AdapterFixture.start(
            broker,
            "http://127.0.0.1:9",
            "--spring.kafka.listener.auto-startup=false",
            "--upgradehub.mqtt.connections=3")) {
      JsonNode mqtt =
          AdapterFixture.JSON
              .readTree(several.get("/actuator/health/readiness").body())
              .path("components")
              .path("mqtt");

      assertThat(mqtt.path("status").asString()).isEqualTo("UP");
      assertThat(mqtt.path("details").path("connections").asString()).isEqualTo("3/3");
      assertThat(mqtt.path("details").path("subscribed").asBoolean()).isTrue();
    }
  }

  @Test
  void acceptsMqtt311DevicesToo() {
    String product = product();
    DeviceKey device = new DeviceKey(product, "legacy.7");
    Mqtt3BlockingClient client = AdapterFixture.device3(broker, product, "legacy.7");
    try {
      publish(
          client,
          "ota/v1/" + product + "/legacy.7/inform",
          "{\"id\":\"i-1\",\"timestamp\":" + NOW + ",\"module\":null,\"version\":\"2.0.0+b7\"}");
    } finally {
      client.disconnect();
    }

    List<ConsumerRecord<String, String>> events = adapter.reports(ofDevice(device), 1, TIMEOUT);

    assertThat(events).hasSize(1);
    assertThat(read(events.get(0)).path("data").path("version").asString()).isEqualTo("2.0.0+b7");
  }

  @Test
  void givesARepeatedMessageTheSameEventId() {
    String product = product();
    DeviceKey device = new DeviceKey(product, "dev-1");
    Mqtt5BlockingClient client = AdapterFixture.device5(broker, product, "dev-1");
    String payload = "{\"id\":\"b17-000042\",\"timestamp\":" + NOW + ",\"version\":\"3.1\"}";
    try {
      publish(client, "ota/v1/" + product + "/dev-1/inform", payload);
      publish(client, "ota/v1/" + product + "/dev-1/inform", payload);
    } finally {
      client.disconnect();
    }

    List<ConsumerRecord<String, String>> events = adapter.reports(ofDevice(device), 2, TIMEOUT);

    assertThat(events).hasSize(2);
    assertThat(events)
        .extracting(record -> read(record).path("id").asString())
        .containsOnly(device.eventId("device.version-reported", "b17-000042").toString());
  }

  @Test
  void countsAndDropsMalformedMessagesWhileServingOtherDevices() throws Exception {
    String product = product();
    String bad = "ota/v1/" + product + "/bad-1/";
    Mqtt5BlockingClient client = AdapterFixture.device5(broker, product, "bad-1");
    double[] before = rejectedCounts();
    try {
      publish(client, bad + "inform", "{\"id\":\"x\",\"timestamp\":" + NOW + ",\"version\":");
      publish(client, bad + "inform", new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'});
      publish(client, bad + "status", "[1,2]");
      publish(
          client, bad + "status", "{\"id\":\"a\",\"id\":\"b\",\"timestamp\":1,\"online\":true}");
      publish(client, bad + "inform", "{\"id\":\"x\",\"timestamp\":" + NOW + "}");
      publish(client, bad + "progress", "{\"id\":\"x\",\"timestamp\":" + NOW + ",\"step\":5}");
      publish(client, bad + "status", "{\"id\":\"x\",\"timestamp\":" + NOW + ",\"online\":null}");
      publish(client, bad + "inform", "{\"id\":\"x\",\"timestamp\":\"1\",\"version\":\"1\"}");
      publish(client, bad + "inform", "{\"id\":\"x\",\"timestamp\":1.5,\"version\":\"1\"}");
      publish(
          client,
          bad + "progress",
          "{\"id\":\"x\",\"timestamp\":" + NOW + ",\"jobId\":\"j\",\"step\":0}");
      publish(
          client,
          bad + "request",
          "{\"id\":\"x\",\"timestamp\":" + NOW + ",\"module\":\"a/b\",\"version\":\"1\"}");
      publish(
          client,
          bad + "inform",
          "{\"id\":\"x\",\"timestamp\":" + NOW + ",\"version\":\"1\",\"deviceName\":\"other\"}");
      publish(
          client,
          bad + "inform",
          "{\"id\":\"x\",\"timestamp\":"
              + NOW
              + ",\"version\":\"1\",\"desc\":\""
              + "x".repeat(16_400)
              + "\"}");
      publish(client, "ota/v1/bad.product/bad-1/inform", "{\"id\":\"x\"}");
      publish(client, "ota/v1/" + product + "/.hidden/status", "{\"id\":\"x\"}");
    } finally {
      client.disconnect();
    }
    DeviceKey good = new DeviceKey(product, "good-1");
    Mqtt5BlockingClient other = AdapterFixture.device5(broker, product, "good-1");
    try {
      publish(
          other,
          "ota/v1/" + product + "/good-1/inform",
          "{\"id\":\"g-1\",\"timestamp\":" + NOW + ",\"version\":\"1.0\"}");
    } finally {
      other.disconnect();
    }

    // INVALID_JSON, MISSING_FIELD, INVALID_FIELD, IDENTITY_MISMATCH, TOO_LARGE, INVALID_TOPIC
    double[] expected = {4, 3, 4, 1, 1, 2};
    await(
        TIMEOUT,
        () -> {
          double[] now = rejectedCounts();
          for (int i = 0; i < expected.length; i++) {
            if (now[i] - before[i] < expected[i]) {
              return false;
            }
          }
          return true;
        });
    double[] after = rejectedCounts();
    for (int i = 0; i < expected.length; i++) {
      assertThat(after[i] - before[i]).as("reason #%d", i).isEqualTo(expected[i]);
    }
    assertThat(adapter.reports(ofDevice(good), 1, TIMEOUT)).hasSize(1);
    assertThat(
            adapter.reports(
                record -> record.key().startsWith(product + "/bad-"), 1, Duration.ofSeconds(1)))
        .isEmpty();
    assertThat(adapter.prometheus())
        .contains("upgradehub_device_messages_rejected_total{")
        .contains("reason=\"IDENTITY_MISMATCH\"");
  }

  private static double[] rejectedCounts() {
    return new double[] {
      rejected("INVALID_JSON"),
      rejected("MISSING_FIELD"),
      rejected("INVALID_FIELD"),
      rejected("IDENTITY_MISMATCH"),
      rejected("TOO_LARGE"),
      rejected("INVALID_TOPIC")
    };
  }

  private static double rejected(String reason) {
    return adapter.rejected(reason);
  }

  /** A product of its own for each test, with the modules {@code default} and {@code mcu}. */
  private static String product() {
    String product = "it-" + UUID.randomUUID().toString().substring(0, 8);
    adapter.registerProduct(product, "mcu");
    return product;
  }

  private static java.util.function.Predicate<ConsumerRecord<String, String>> ofDevice(
      DeviceKey device) {
    return record -> device.value().equals(record.key());
  }

  private static JsonNode event(
      List<ConsumerRecord<String, String>> events, String type, String messageId) {
    return events.stream()
        .map(AdapterFixture::read)
        .filter(node -> node.path("type").asString().equals(type))
        .filter(node -> node.path("data").path("messageId").asString().equals(messageId))
        .findFirst()
        .orElseThrow();
  }
}
