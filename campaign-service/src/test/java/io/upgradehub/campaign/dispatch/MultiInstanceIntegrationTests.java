package io.upgradehub.campaign.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.upgradehub.campaign.CampaignServiceApplication;
import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageTopics;
import io.upgradehub.testsupport.Await;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two campaign-service instances on one store, both planning and dispatching: every device is
 * planned once and started once, whichever instance gets there first.
 */
class MultiInstanceIntegrationTests {

  private static final int DEVICES = 600;
  private static final WireMockServer INVENTORY =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

  @BeforeAll
  static void twoInstances() {
    INVENTORY.start();
    first = instance();
    second = instance();
  }

  @AfterAll
  static void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    INVENTORY.stop();
  }

  private static ConfigurableApplicationContext instance() {
    // command-line arguments: they win over application.yml, as default properties would not
    return new SpringApplicationBuilder(CampaignServiceApplication.class)
        .profiles("test")
        .run(
            "--server.port=0",
            "--spring.mongodb.uri="
                + SharedInfrastructure.mongo().connectionString("campaigns-multi"),
            "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
            "--upgradehub.inventory-service.url=" + INVENTORY.baseUrl(),
            "--upgradehub.campaigns.scheduler.enabled=true",
            "--upgradehub.campaigns.scheduler.chunk=100",
            "--spring.jmx.enabled=false");
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private HttpResponse<String> call(
      ConfigurableApplicationContext on, String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(on) + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void twoInstancesStartEveryDeviceExactlyOnce() throws Exception {
    String product = "multi-" + UUID.randomUUID().toString().substring(0, 8);
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < DEVICES; i++) {
      ndjson.append("{\"deviceName\":\"m-").append(i).append("\",\"version\":\"1.0\"}\n");
    }
    INVENTORY.stubFor(
        WireMock.get(urlPathEqualTo("/internal/v1/products/" + product + "/devices/export"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(ndjson.toString())));
    String pkg = UUID.randomUUID().toString();
    Instant now = Instant.now();
    try (KafkaProducer<String, String> producer = producer()) {
      EventEnvelope<PackageCreated> created =
          new EventEnvelope<>(
              UUID.randomUUID().toString(),
              PackageCreated.TYPE,
              1,
              "package-service",
              now,
              pkg,
              new PackageCreated(
                  pkg,
                  "fw",
                  "FULL",
                  product,
                  "default",
                  "2.0",
                  List.of(),
                  10,
                  "a".repeat(64),
                  "b".repeat(32),
                  "c2ln",
                  "Ed25519",
                  "UNVERIFIED",
                  true,
                  now));
      producer
          .send(
              new ProducerRecord<>(
                  PackageTopics.PACKAGE_EVENTS, pkg, json.writeValueAsString(created)))
          .get();
    }
    Await.until(
        "the package known",
        () ->
            call(first, "POST", "/api/v1/packages/" + pkg + "/verifications/skip", "").statusCode()
                == 200);

    HttpResponse<String> batch =
        call(
            first,
            "POST",
            "/api/v1/packages/" + pkg + "/batches",
            "{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"},\"ratePerMinute\":1000000}");
    assertThat(batch.statusCode()).as(batch.body()).isEqualTo(201);
    String batchId = json.readTree(batch.body()).path("id").asString();

    Await.until(
        "every device started, as the other instance sees it",
        Duration.ofSeconds(60),
        () -> {
          JsonNode seen =
              json.readTree(call(second, "GET", "/api/v1/batches/" + batchId, "").body());
          assertThat(seen.path("jobs").path("NOTIFIED").asLong())
              .as(seen.toString())
              .isEqualTo(DEVICES);
          return true;
        });

    JsonNode done = json.readTree(call(second, "GET", "/api/v1/batches/" + batchId, "").body());
    assertThat(done.path("planning").path("jobs").asLong()).isEqualTo(DEVICES);
    Map<String, Integer> commands = commandsPerDevice(product + "/", DEVICES);
    assertThat(commands).hasSize(DEVICES);
    assertThat(commands.values()).allMatch(n -> n == 1);
  }

  /**
   * Reads the commands topic until {@code devices} devices of the product have one, and a while
   * more.
   */
  private Map<String, Integer> commandsPerDevice(String prefix, int devices) {
    Map<String, Integer> counts = new HashMap<>();
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "multi-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(DeviceTopics.DEVICE_COMMANDS));
      long quietUntil = Long.MAX_VALUE;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null && record.key().startsWith(prefix)) {
            counts.merge(record.key(), 1, Integer::sum);
          }
        }
        if (counts.size() >= devices && quietUntil == Long.MAX_VALUE) {
          // all there: read on a little to see any second command
          quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        }
      }
    }
    return counts;
  }

  private static KafkaProducer<String, String> producer() {
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }
}
