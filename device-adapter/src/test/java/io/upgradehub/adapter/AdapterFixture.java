package io.upgradehub.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.upgradehub.adapter.product.ProductCatalog;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.testsupport.EmbeddedMqtt;
import io.upgradehub.testsupport.ProductEvents;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A running adapter against an embedded broker and the shared Kafka, plus device clients. */
final class AdapterFixture implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final ConfigurableApplicationContext context;
  private final int httpPort;
  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private AdapterFixture(ConfigurableApplicationContext context) {
    this.context = context;
    this.httpPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    Properties properties = new Properties();
    properties.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(DeviceTopics.DEVICE_REPORTS));
  }

  /** Starts an adapter on {@code broker} and waits until it is ready (connected, subscribed). */
  static AdapterFixture start(EmbeddedMqtt broker) {
    // not reading the commands topic: the commands other tests left there are not its business
    return start(broker, "http://127.0.0.1:9", "--spring.kafka.listener.auto-startup=false");
  }

  /**
   * Starts an adapter on {@code broker} asking {@code services} (a stand-in for package-service and
   * campaign-service) for download URLs and open jobs, in a command consumer group of its own, and
   * waits until it is ready.
   */
  static AdapterFixture start(EmbeddedMqtt broker, String services, String... arguments) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--spring.kafka.bootstrap-servers="
                    + SharedInfrastructure.kafka().bootstrapServers(),
                "--spring.kafka.consumer.group-id=adapter-test-" + UUID.randomUUID(),
                "--upgradehub.mqtt.uri=" + broker.uri(),
                "--upgradehub.package-service.url=" + services,
                "--upgradehub.campaign-service.url=" + services,
                "--server.port=0",
                "--spring.profiles.active=test"));
    all.addAll(List.of(arguments));
    if (all.stream().noneMatch(a -> a.startsWith("--upgradehub.mqtt.share-group="))) {
      // a group of its own: a session another test left in the broker (brokers may hand offline
      // members of a shared subscription their share) never takes this adapter's messages
      all.add("--upgradehub.mqtt.share-group=test-" + UUID.randomUUID());
    }
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(DeviceAdapterApplication.class)
            .run(all.toArray(String[]::new));
    AdapterFixture fixture = new AdapterFixture(context);
    fixture.awaitReadiness(200);
    return fixture;
  }

  /**
   * Registers a product with the module {@code default} and {@code modules} as inventory-service
   * does (through the product topic) and waits until this adapter has read it.
   */
  void registerProduct(String productKey, String... modules) {
    registerProducts(productKey, modules);
    ProductCatalog catalog = context.getBean(ProductCatalog.class);
    await(
        Duration.ofSeconds(30),
        () ->
            catalog.hasProduct(productKey)
                && java.util.Arrays.stream(modules)
                    .allMatch(m -> catalog.hasModule(productKey, m)));
  }

  /** Publishes {@code product.registered} to the shared Kafka, adapter or not. */
  static void registerProducts(String productKey, String... modules) {
    try (ProductEvents events =
        new ProductEvents(SharedInfrastructure.kafka().bootstrapServers())) {
      events.register(productKey, modules);
    }
  }

  /** Polls {@code /actuator/health/readiness} until it answers {@code status}. */
  void awaitReadiness(int status) {
    await(Duration.ofSeconds(30), () -> readiness() == status);
  }

  int readiness() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + httpPort + "/actuator/health/readiness"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  /** {@code GET} on the adapter's own HTTP port. */
  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String prometheus() throws Exception {
    return http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Messages rejected for {@code reason} so far, of every message kind. */
  double rejected(String reason) {
    double sum = 0;
    for (String message : List.of("status", "inform", "progress", "request")) {
      sum += counter("upgradehub.device.messages.rejected", "message", message, "reason", reason);
    }
    return sum;
  }

  double counter(String name, String... tags) {
    RequiredSearch search = context.getBean(MeterRegistry.class).get(name).tags(tags);
    return search.counter().count();
  }

  /** Reads device reports until {@code count} match {@code filter}, or the deadline passes. */
  List<ConsumerRecord<String, String>> reports(
      Predicate<ConsumerRecord<String, String>> filter, int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (seen.stream().filter(filter).count() < count && Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return seen.stream().filter(filter).toList();
  }

  static JsonNode read(ConsumerRecord<String, String> record) {
    return JSON.readTree(record.value());
  }

  static Mqtt5BlockingClient device5(EmbeddedMqtt broker, String productKey, String deviceName) {
    Mqtt5BlockingClient client =
        Mqtt5Client.builder()
            .identifier(productKey + "/" + deviceName)
            .serverHost("127.0.0.1")
            .serverPort(broker.port())
            .buildBlocking();
    client.connect();
    return client;
  }

  static Mqtt3BlockingClient device3(EmbeddedMqtt broker, String productKey, String deviceName) {
    Mqtt3BlockingClient client =
        Mqtt3Client.builder()
            .identifier(productKey + "/" + deviceName)
            .serverHost("127.0.0.1")
            .serverPort(broker.port())
            .buildBlocking();
    client.connect();
    return client;
  }

  static void publish(Mqtt5BlockingClient client, String topic, String payload) {
    publish(client, topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  static void publish(Mqtt5BlockingClient client, String topic, byte[] payload) {
    client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
  }

  static void publish(Mqtt3BlockingClient client, String topic, String payload) {
    client
        .publishWith()
        .topic(topic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
  }

  /** Polls {@code condition} until true; fails the test when the deadline passes first. */
  static void await(Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition still false after %s", timeout).isBefore(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
    context.close();
  }
}
