package io.upgradehub.inventory.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.products.ProductTopics;
import io.upgradehub.inventory.InventoryServiceApplication;
import io.upgradehub.testsupport.SharedInfrastructure;
import io.upgradehub.testsupport.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code product.registered} through the outbox against a real Kafka broker: published once, keyed
 * by product key, on a compacted topic; and an event written while no relay ran is published by the
 * next instance that starts.
 */
class ProductEventsIntegrationTests {

  private static final String DATABASE = "inventory-product-events";

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  private TopicReader published;

  @BeforeEach
  void subscribe() {
    published =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), ProductTopics.PRODUCT_EVENTS);
  }

  @AfterEach
  void close() {
    published.close();
    contexts.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void publishesProductRegisteredOnceKeyedByProductKeyOnACompactedTopic() throws Exception {
    int port = start(true);
    String key = "reg-" + UUID.randomUUID();

    register(port, key);

    List<ConsumerRecord<String, String>> events = published.keyed(key, 1, Duration.ofSeconds(20));
    // a further wait shows no duplicate arrives late
    events.addAll(published.keyed(key, 1, Duration.ofSeconds(2)));
    assertThat(events).hasSize(1);
    ConsumerRecord<String, String> record = events.get(0);
    assertThat(record.key()).isEqualTo(key);
    assertThat(
            new String(record.headers().lastHeader("event-type").value(), StandardCharsets.UTF_8))
        .isEqualTo("product.registered");
    JsonNode envelope = json.readTree(record.value());
    assertThat(envelope.path("type").asString()).isEqualTo("product.registered");
    assertThat(envelope.path("version").asInt()).isEqualTo(1);
    assertThat(envelope.path("source").asString()).isEqualTo("inventory-service");
    assertThat(envelope.path("subject").asString()).isEqualTo(key);
    JsonNode data = envelope.path("data");
    assertThat(data.path("productKey").asString()).isEqualTo(key);
    assertThat(data.path("name").asString()).isEqualTo("Camera");
    assertThat(data.path("modules").values())
        .extracting(JsonNode::asString)
        .containsExactly("default", "mcu");
    assertThat(cleanupPolicy()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  @Test
  void publishesAfterRestartWhatWasWrittenWhileTheRelayWasStopped() throws Exception {
    int stoppedRelay = start(false);
    String key = "restart-" + UUID.randomUUID();
    register(stoppedRelay, key);
    assertThat(published.keyed(key, 1, Duration.ofSeconds(3))).isEmpty();
    contexts.remove(0).close();

    start(true);

    List<ConsumerRecord<String, String>> events = published.keyed(key, 1, Duration.ofSeconds(20));
    events.addAll(published.keyed(key, 1, Duration.ofSeconds(2)));
    assertThat(events)
        .extracting(r -> json.readTree(r.value()).path("data").path("productKey").asString())
        .containsExactly(key);
  }

  private int start(boolean relay) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(InventoryServiceApplication.class)
            .run(
                "--spring.mongodb.uri=" + SharedInfrastructure.mongo().connectionString(DATABASE),
                "--spring.kafka.bootstrap-servers="
                    + SharedInfrastructure.kafka().bootstrapServers(),
                "--server.port=0",
                "--upgradehub.outbox.relay-enabled=" + relay,
                "--spring.profiles.active=test");
    contexts.add(context);
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private void register(int port, String key) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/products"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        """
                        {"productKey":"%s","name":"Camera","modules":[{"name":"mcu"}]}
                        """
                            .formatted(key)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private String cleanupPolicy() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
      ConfigResource topic =
          new ConfigResource(ConfigResource.Type.TOPIC, ProductTopics.PRODUCT_EVENTS);
      return admin
          .describeConfigs(List.of(topic))
          .all()
          .get()
          .get(topic)
          .get(TopicConfig.CLEANUP_POLICY_CONFIG)
          .value();
    }
  }
}
