package io.upgradehub.adapter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.upgradehub.adapter.AdapterFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.CancelCommand;
import io.upgradehub.events.devices.DeviceCommandFailed;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.UpgradeCommand;
import io.upgradehub.testsupport.EmbeddedMqtt;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Commands on a real Kafka become messages on a real MQTT broker, with download URLs from
 * package-service's API (WireMock stands in for it: a Feign client test). Each test uses a device
 * of its own.
 */
class DeviceCommandsIntegrationTests {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String PRODUCT = "cmd-" + UUID.randomUUID().toString().substring(0, 8);
  private static final Instant EXPIRES = Instant.parse("2030-01-01T00:15:00Z");

  private static EmbeddedMqtt broker;
  private static WireMockServer packageService;
  private static AdapterFixture adapter;
  private static KafkaProducer<String, String> producer;
  private Mqtt5BlockingClient device;

  @BeforeAll
  static void start() {
    broker = EmbeddedMqtt.start();
    packageService = new WireMockServer(wireMockConfig().dynamicPort());
    packageService.start();
    adapter = AdapterFixture.start(broker, packageService.baseUrl());
    Properties properties = new Properties();
    properties.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
    producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (adapter != null) {
      adapter.close();
    }
    if (packageService != null) {
      packageService.stop();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @AfterEach
  void disconnect() {
    if (device != null) {
      device.disconnect();
    }
  }

  @Test
  void sendsAnUpgradeCommandAsTheUpgradeMessageWithAFreshDownloadUrl() throws Exception {
    var messages = connect("dev-upgrade");
    String packageId = stubUrl("https://files.example.com/p1?sig=abc");
    String eventId = send(upgrade("dev-upgrade", "job-1", packageId));

    JsonNode upgrade = receive(messages, "upgrade");
    assertThat(upgrade.get("id").asString()).isEqualTo(eventId);
    assertThat(upgrade.get("jobId").asString()).isEqualTo("job-1");
    assertThat(upgrade.get("module").asString()).isEqualTo("default");
    assertThat(upgrade.get("packageType").asString()).isEqualTo("FULL");
    assertThat(upgrade.get("targetVersion").asString()).isEqualTo("2.0.0");
    assertThat(upgrade.get("size").asLong()).isEqualTo(34);
    assertThat(upgrade.get("sha256").asString()).isEqualTo("a".repeat(64));
    assertThat(upgrade.get("md5").asString()).isEqualTo("b".repeat(32));
    assertThat(upgrade.get("signature").asString()).isEqualTo("c2lnbmF0dXJl");
    assertThat(upgrade.get("signMethod").asString()).isEqualTo("Ed25519");
    assertThat(upgrade.get("url").asString()).isEqualTo("https://files.example.com/p1?sig=abc");
    assertThat(upgrade.get("urlExpiresAt").asLong()).isEqualTo(EXPIRES.toEpochMilli());
    assertThat(upgrade.get("timestamp").asLong()).isPositive();
  }

  @Test
  void sharesOneDownloadUrlBetweenTheCommandsOfAPackage() throws Exception {
    var messages = connect("dev-shared");
    String packageId = stubUrl("https://files.example.com/shared?sig=1");
    send(upgrade("dev-shared", "job-s1", packageId));
    send(upgrade("dev-shared", "job-s2", packageId));

    assertThat(receive(messages, "upgrade").get("url").asString())
        .isEqualTo("https://files.example.com/shared?sig=1");
    assertThat(receive(messages, "upgrade").get("jobId").asString()).isEqualTo("job-s2");
    packageService.verify(
        1, getRequestedFor(urlEqualTo("/api/v1/packages/" + packageId + "/download-url")));
  }

  @Test
  void repeatsTheMessageIdWhenTheSameCommandIsDeliveredAgain() throws Exception {
    var messages = connect("dev-repeat");
    String packageId = stubUrl("https://files.example.com/p2");
    EventEnvelope<UpgradeCommand> command = upgrade("dev-repeat", "job-2", packageId);
    send(command);
    send(command);

    JsonNode first = receive(messages, "upgrade");
    JsonNode second = receive(messages, "upgrade");
    assertThat(second.get("id").asString()).isEqualTo(first.get("id").asString());
    assertThat(second.get("jobId").asString()).isEqualTo("job-2");
  }

  @Test
  void sendsACancelCommandAsTheCancelMessage() throws Exception {
    var messages = connect("dev-cancel");
    CancelCommand cancel = new CancelCommand("job-3", PRODUCT, "dev-cancel", "mcu", Instant.now());
    String eventId = send(envelope(CancelCommand.TYPE, "dev-cancel", cancel));

    JsonNode message = receive(messages, "cancel");
    assertThat(message.get("id").asString()).isEqualTo(eventId);
    assertThat(message.get("jobId").asString()).isEqualTo("job-3");
    assertThat(message.get("module").asString()).isEqualTo("mcu");
  }

  @Test
  void reportsPackageNotFoundWithoutRetryingOrTellingTheDevice() throws Exception {
    var messages = connect("dev-gone");
    String packageId = "gone-" + UUID.randomUUID();
    packageService.stubFor(
        get(urlEqualTo("/api/v1/packages/" + packageId + "/download-url"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\":404,\"code\":\"PACKAGE_NOT_FOUND\"}")));
    send(upgrade("dev-gone", "job-4", packageId));

    JsonNode failed = failure("job-4");
    assertThat(failed.get("reason").asString()).isEqualTo(DeviceCommandFailed.PACKAGE_NOT_FOUND);
    assertThat(failed.get("packageId").asString()).isEqualTo(packageId);
    assertThat(failed.get("deviceName").asString()).isEqualTo("dev-gone");
    packageService.verify(
        1, getRequestedFor(urlEqualTo("/api/v1/packages/" + packageId + "/download-url")));
    assertThat(messages.receive(1, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void reportsPackageServiceUnavailableAfterItsRetries() throws Exception {
    var messages = connect("dev-down");
    String packageId = "down-" + UUID.randomUUID();
    packageService.stubFor(
        get(urlEqualTo("/api/v1/packages/" + packageId + "/download-url"))
            .willReturn(aResponse().withStatus(503)));
    send(upgrade("dev-down", "job-5", packageId));

    JsonNode failed = failure("job-5");
    assertThat(failed.get("reason").asString())
        .isEqualTo(DeviceCommandFailed.PACKAGE_SERVICE_UNAVAILABLE);
    assertThat(failed.get("detail").asString()).contains("503");
    packageService.verify(
        3, getRequestedFor(urlEqualTo("/api/v1/packages/" + packageId + "/download-url")));
    assertThat(messages.receive(1, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void deliversManyDevicesCommandsTogetherAndEachDevicesInOrder() throws Exception {
    String prefix = "dev-many-";
    Mqtt5BlockingClient watcher = AdapterFixture.device5(broker, PRODUCT, "watcher");
    try (var messages = watcher.publishes(MqttGlobalPublishFilter.SUBSCRIBED)) {
      watcher
          .subscribeWith()
          .topicFilter("ota/v1/" + PRODUCT + "/+/+")
          .qos(MqttQos.AT_LEAST_ONCE)
          .send();
      String packageId = stubUrl("https://files.example.com/many");
      // one device's upgrade, cancel and upgrade again among 300 other devices' commands, all
      // produced at once so that the adapter reads them in few polls
      List<Future<?>> produced = new ArrayList<>();
      List<String> expectedOrder = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        produced.add(sendAsync(upgrade(prefix + i, "job-m" + i, packageId)));
        if (i % 100 == 0) {
          String step = "job-o" + i;
          expectedOrder.add(step);
          produced.add(
              sendAsync(
                  i == 100
                      ? envelope(
                          CancelCommand.TYPE,
                          prefix + "ordered",
                          new CancelCommand(
                              step, PRODUCT, prefix + "ordered", "default", Instant.now()))
                      : upgrade(prefix + "ordered", step, packageId)));
        }
      }
      for (var sent : produced) {
        sent.get();
      }

      Set<String> devices = new HashSet<>();
      List<String> order = new ArrayList<>();
      while (devices.size() < 301 || order.size() < 3) {
        Optional<Mqtt5Publish> publish = messages.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(publish).as("message %d within %s", devices.size(), TIMEOUT).isPresent();
        String topic = publish.get().getTopic().toString();
        String deviceName = topic.split("/")[3];
        if (!deviceName.startsWith(prefix)) {
          continue; // another test's device
        }
        devices.add(deviceName);
        if (deviceName.equals(prefix + "ordered")) {
          order.add(
              AdapterFixture.JSON
                  .readTree(publish.get().getPayloadAsBytes())
                  .get("jobId")
                  .asString());
        }
      }
      assertThat(order).containsExactlyElementsOf(expectedOrder);
    } finally {
      watcher.disconnect();
    }
  }

  @Test
  void skipsAnUnreadableCommandAndDeliversTheDevicesNextOne() throws Exception {
    var messages = connect("dev-bad");
    String packageId = stubUrl("https://files.example.com/p6");
    send(upgrade("dev-bad", "job with spaces", packageId));
    producer
        .send(new ProducerRecord<>(DeviceTopics.DEVICE_COMMANDS, key("dev-bad"), "not json"))
        .get();
    send(upgrade("dev-bad", "job-6", packageId));

    JsonNode upgrade = receive(messages, "upgrade");
    assertThat(upgrade.get("jobId").asString()).isEqualTo("job-6");
    AdapterFixture.await(
        TIMEOUT,
        () ->
            adapter.counter(
                    "upgradehub.device.commands",
                    "type",
                    UpgradeCommand.TYPE,
                    "outcome",
                    "unreadable")
                >= 1);
  }

  private com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes connect(String name) {
    device = AdapterFixture.device5(broker, PRODUCT, name);
    var publishes = device.publishes(MqttGlobalPublishFilter.SUBSCRIBED);
    device
        .subscribeWith()
        .topicFilter("ota/v1/" + PRODUCT + "/" + name + "/+")
        .qos(MqttQos.AT_LEAST_ONCE)
        .send();
    return publishes;
  }

  private static JsonNode receive(
      com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient.Mqtt5Publishes messages, String suffix)
      throws InterruptedException {
    Optional<Mqtt5Publish> publish = messages.receive(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(publish).as("a message within %s", TIMEOUT).isPresent();
    assertThat(publish.get().getTopic().toString()).endsWith("/" + suffix);
    assertThat(publish.get().isRetain()).isFalse();
    assertThat(publish.get().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    return AdapterFixture.JSON.readTree(publish.get().getPayloadAsBytes());
  }

  private static JsonNode failure(String jobId) {
    List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> failures =
        adapter.reports(
            record ->
                read(record).get("type").asString().equals(DeviceCommandFailed.TYPE)
                    && read(record).get("data").get("jobId").asString().equals(jobId),
            1,
            TIMEOUT);
    assertThat(failures).hasSize(1);
    return read(failures.get(0)).get("data");
  }

  private static String stubUrl(String url) {
    String packageId = "pkg-" + UUID.randomUUID();
    packageService.stubFor(
        get(urlEqualTo("/api/v1/packages/" + packageId + "/download-url"))
            .willReturn(
                okJson(
                    "{\"url\":\""
                        + url
                        + "\",\"expiresAt\":\""
                        + EXPIRES
                        + "\",\"size\":34,\"sha256\":\""
                        + "a".repeat(64)
                        + "\",\"later\":true}")));
    return packageId;
  }

  private static EventEnvelope<UpgradeCommand> upgrade(
      String deviceName, String jobId, String packageId) {
    return envelope(
        UpgradeCommand.TYPE,
        deviceName,
        new UpgradeCommand(
            jobId,
            PRODUCT,
            deviceName,
            "default",
            packageId,
            "FULL",
            "2.0.0",
            34,
            "a".repeat(64),
            "b".repeat(32),
            "c2lnbmF0dXJl",
            "Ed25519",
            Instant.now()));
  }

  private static <T> EventEnvelope<T> envelope(String type, String deviceName, T data) {
    return new EventEnvelope<>(
        UUID.randomUUID().toString(),
        type,
        1,
        DeviceTopics.COMMANDS_SOURCE,
        Instant.now(),
        key(deviceName),
        data);
  }

  private static String key(String deviceName) {
    return new DeviceKey(PRODUCT, deviceName).value();
  }

  private static String send(EventEnvelope<?> envelope) throws Exception {
    sendAsync(envelope).get();
    return envelope.id();
  }

  private static Future<?> sendAsync(EventEnvelope<?> envelope) {
    return producer.send(
        new ProducerRecord<>(
            DeviceTopics.DEVICE_COMMANDS,
            envelope.subject(),
            AdapterFixture.JSON.writeValueAsString(envelope)));
  }
}
