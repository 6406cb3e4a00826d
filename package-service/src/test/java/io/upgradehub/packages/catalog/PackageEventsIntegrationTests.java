package io.upgradehub.packages.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.packages.PackageTopics;
import io.upgradehub.packages.PackageServiceApplication;
import io.upgradehub.packages.product.KnownProducts;
import io.upgradehub.packages.product.ProductFixture;
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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox against a real Kafka broker: each change is published exactly once, and an event
 * written while no relay ran is published by the next instance that starts.
 */
class PackageEventsIntegrationTests {

  private static final String DATABASE = "packages-events";

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();
  private TopicReader published;
  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

  @BeforeEach
  void subscribe() {
    published =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), PackageTopics.PACKAGE_EVENTS);
  }

  @AfterEach
  void close() {
    published.close();
    contexts.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void publishesEachChangeOnceInOrderKeyedByPackage() throws Exception {
    int port = start(true);
    String id = create(port, "once-" + UUID.randomUUID());
    send(port, "PATCH", "/api/v1/packages/" + id, "{\"enabled\":false}");
    send(port, "PATCH", "/api/v1/packages/" + id, "{\"enabled\":false}");
    send(port, "DELETE", "/api/v1/packages/" + id, null);

    List<ConsumerRecord<String, String>> events = published.keyed(id, 3, Duration.ofSeconds(20));
    // a further wait shows no duplicate arrives late
    events.addAll(published.keyed(id, 1, Duration.ofSeconds(2)));

    assertThat(events).extracting(ConsumerRecord::key).containsOnly(id);
    assertThat(events)
        .extracting(record -> json.readTree(record.value()).path("type").asString())
        .containsExactly("package.created", "package.updated", "package.deleted");
    assertThat(events)
        .extracting(record -> json.readTree(record.value()).path("id").asString())
        .doesNotHaveDuplicates();
    JsonNode created = json.readTree(events.get(0).value());
    assertThat(created.path("source").asString()).isEqualTo("package-service");
    assertThat(created.path("subject").asString()).isEqualTo(id);
    assertThat(created.path("version").asInt()).isEqualTo(1);
    assertThat(created.path("data").path("packageId").asString()).isEqualTo(id);
    assertThat(
            new String(
                events.get(0).headers().lastHeader("event-type").value(), StandardCharsets.UTF_8))
        .isEqualTo("package.created");
  }

  @Test
  void publishesAfterRestartWhatWasWrittenWhileTheRelayWasStopped() throws Exception {
    int stoppedRelay = start(false);
    String id = create(stoppedRelay, "restart-" + UUID.randomUUID());
    assertThat(published.keyed(id, 1, Duration.ofSeconds(3))).isEmpty();
    contexts.remove(0).close();

    start(true);

    List<ConsumerRecord<String, String>> events = published.keyed(id, 1, Duration.ofSeconds(20));
    events.addAll(published.keyed(id, 1, Duration.ofSeconds(2)));
    assertThat(events)
        .extracting(record -> json.readTree(record.value()).path("type").asString())
        .containsExactly("package.created");
  }

  private int start(boolean relay) {
    List<String> args = new ArrayList<>();
    SharedInfrastructure.register(
        DATABASE, (key, value) -> args.add("--" + key + "=" + value.get()));
    args.add("--server.port=0");
    args.add("--upgradehub.outbox.relay-enabled=" + relay);
    args.add("--spring.profiles.active=test");
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(PackageServiceApplication.class)
            .run(args.toArray(String[]::new));
    contexts.add(context);
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private String create(int port, String product) throws Exception {
    ProductFixture.register(
        contexts.get(contexts.size() - 1).getBean(KnownProducts.class), product);
    String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
            + "Content-Type: application/json\r\n\r\n"
            + "{\"name\":\"fw\",\"type\":\"FULL\",\"productKey\":\""
            + product
            + "\",\"targetVersion\":\"1.0\"}\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fw.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\nfirmware bytes\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/packages"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body()).path("id").asString();
  }

  private void send(int port, String method, String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isLessThan(300);
  }
}
