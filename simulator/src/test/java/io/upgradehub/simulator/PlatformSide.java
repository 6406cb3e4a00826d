package io.upgradehub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's side of a real broker in tests: an MQTT client that records everything the devices
 * of one product publish and sends them {@code upgrade} and {@code cancel}.
 */
final class PlatformSide implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The test vector of docs/device-protocol.md §4.5, with its public key. */
  static final Package EXAMPLE =
      new Package(
          34,
          "5d5e67d9bdcdab78df2b26980ee112cb47011761f230739b4da7e7a8160b8c8d",
          "848513c66fb2b547fb1b66b023b6f30b",
          "0HS0P23OFKhQ3J+6ROdvt0TsaSjaXgp056khSxp03SsaWwVWAeiwHwn80N3xekm139Y6duCX6O08x8iiGqrFDA==");

  static final String EXAMPLE_PUBLIC_KEY =
      "MCowBQYDK2VwAyEAyCfWIWNCh0imH8VI9LFoYm+qvJUGddvtm8Lt8Ne8VV0=";

  /** What an {@code upgrade} says about its file. */
  record Package(long size, String sha256, String md5, String signature) {}

  record Message(String device, String kind, JsonNode body) {}

  final String product;
  final Queue<Message> messages = new ConcurrentLinkedQueue<>();
  private final Mqtt5BlockingClient client;

  /** Connects to the broker at {@code port} for a new random product. */
  PlatformSide(int port) {
    this(port, "p" + UUID.randomUUID().toString().substring(0, 8));
  }

  PlatformSide(int port, String product) {
    this.product = product;
    this.client =
        Mqtt5Client.builder()
            .identifier("platform-" + UUID.randomUUID())
            .serverHost("127.0.0.1")
            .serverPort(port)
            .buildBlocking();
    client.connect();
    client
        .toAsync()
        .publishes(
            MqttGlobalPublishFilter.SUBSCRIBED,
            publish -> {
              List<String> levels =
                  publish.getTopic().getLevels().stream().map(Object::toString).toList();
              messages.add(
                  new Message(
                      levels.get(3), levels.get(4), JSON.readTree(publish.getPayloadAsBytes())));
            });
    client
        .subscribeWith()
        .topicFilter("ota/v1/" + product + "/#")
        .qos(MqttQos.AT_LEAST_ONCE)
        .send();
  }

  void publish(String device, String kind, String payload) {
    client
        .publishWith()
        .topic("ota/v1/" + product + "/" + device + "/" + kind)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
  }

  /** An {@code upgrade} of the §4.5 example file whose URL stays valid for 15 minutes. */
  static String upgrade(String jobId, String module, String target) {
    return upgrade(jobId, module, target, EXAMPLE, "http://127.0.0.1:9/none", 900_000);
  }

  static String upgrade(
      String jobId, String module, String target, Package file, String url, long validMillis) {
    long now = System.currentTimeMillis();
    return """
        {"id":"%s","timestamp":%d,"jobId":"%s","module":"%s","packageType":"FULL",\
        "targetVersion":"%s","size":%d,"sha256":"%s","md5":"%s","signature":"%s",\
        "signMethod":"Ed25519","url":"%s","urlExpiresAt":%d}"""
        .formatted(
            UUID.randomUUID(),
            now,
            jobId,
            module,
            target,
            file.size(),
            file.sha256(),
            file.md5(),
            file.signature(),
            url,
            now + validMillis);
  }

  static String cancel(String jobId, String module) {
    return "{\"id\":\"%s\",\"timestamp\":%d,\"jobId\":\"%s\",\"module\":\"%s\"}"
        .formatted(UUID.randomUUID(), System.currentTimeMillis(), jobId, module);
  }

  List<Message> kinds(String kind) {
    return messages.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  List<Message> of(String device, String kind) {
    return kinds(kind).stream().filter(m -> m.device().equals(device)).toList();
  }

  List<Message> informsOf(String device) {
    return of(device, "inform");
  }

  List<Message> progressOf(String device) {
    return of(device, "progress");
  }

  List<Integer> steps(String device, String jobId) {
    return progressOf(device).stream()
        .filter(m -> m.body().get("jobId").asString().equals(jobId))
        .map(m -> m.body().get("step").asInt())
        .toList();
  }

  /** The {@code desc} of the device's last progress message. */
  String lastDescription(String device) {
    List<Message> progress = progressOf(device);
    return progress.get(progress.size() - 1).body().path("desc").asString("");
  }

  @Override
  public void close() {
    try {
      client.disconnect();
    } catch (RuntimeException e) {
      // the broker is already gone
    }
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
