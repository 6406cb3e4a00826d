package io.upgradehub.inventory.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceConnected;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.DeviceVersionReported;
import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Publishes device reports to a real Kafka broker as device-adapter does (an envelope in JSON,
 * keyed by the device; other topics' events alike) for a fresh product with the modules {@code
 * default} and {@code mcu}, and reads the devices back over HTTP.
 */
abstract class DeviceReportsTest extends InventoryServiceIntegrationTest {

  private static KafkaProducer<String, String> producer;

  @Autowired protected MeterRegistry meters;

  protected String productKey;
  protected Instant base;

  @BeforeAll
  static void startProducer() {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer());
  }

  @AfterAll
  static void stopProducer() {
    producer.close();
  }

  @BeforeEach
  void product() throws Exception {
    productKey = uniqueKey("reports");
    createProduct(productKey, "Reporting product", "mcu");
    // after any registration time: reports are newer than the versions registered with a device
    base = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(60);
  }

  protected Instant at(int seconds) {
    return base.plusSeconds(seconds);
  }

  protected void register(String deviceName, String versions) throws Exception {
    HttpResponse<String> created =
        post(
            "/api/v1/products/" + productKey + "/devices",
            "{\"deviceName\":\"%s\",\"versions\":%s}".formatted(deviceName, versions));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  protected String devicePath(String deviceName) {
    return "/api/v1/products/" + productKey + "/devices/" + deviceName;
  }

  protected JsonNode device(String deviceName) throws Exception {
    HttpResponse<String> response = get(devicePath(deviceName));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return body(response);
  }

  protected DeviceVersionReported versionReport(
      String deviceName, String module, String version, String messageId, Instant reportedAt) {
    return new DeviceVersionReported(
        productKey, deviceName, module, version, messageId, reportedAt, reportedAt);
  }

  /** Publishes a version report with a fresh message id; answers the event id. */
  protected String version(String deviceName, String module, String version, Instant reportedAt)
      throws Exception {
    String messageId = UUID.randomUUID().toString();
    return publish(
        DeviceVersionReported.TYPE,
        messageId,
        versionReport(deviceName, module, version, messageId, reportedAt));
  }

  protected void connected(String deviceName, String messageId, Instant reportedAt)
      throws Exception {
    publish(
        DeviceConnected.TYPE,
        messageId,
        new DeviceConnected(productKey, deviceName, messageId, reportedAt, reportedAt));
  }

  /** Publishes an event as device-adapter does; answers its id. */
  protected String publish(String type, String messageId, Record data) throws Exception {
    JsonNode node = json.valueToTree(data);
    DeviceKey key =
        new DeviceKey(node.path("productKey").asString(), node.path("deviceName").asString());
    String id = key.eventId(type, messageId).toString();
    EventEnvelope<Record> envelope =
        new EventEnvelope<>(
            id, type, 1, DeviceTopics.REPORTS_SOURCE, Instant.now(), key.value(), data);
    send(key.value(), json.writeValueAsString(envelope));
    return id;
  }

  protected static void send(String key, String value) throws Exception {
    send(DeviceTopics.DEVICE_REPORTS, key, value);
  }

  protected static void send(String topic, String key, String value) throws Exception {
    producer.send(new ProducerRecord<>(topic, key, value)).get();
  }

  protected JsonNode upgradeLog(String deviceName, int page, int size) throws Exception {
    HttpResponse<String> response =
        get(devicePath(deviceName) + "/upgrade-log?page=" + page + "&size=" + size);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return body(response);
  }

  protected double ignored(String reason) {
    return meters.counter(DeviceReports.IGNORED, "reason", reason).count();
  }
}
