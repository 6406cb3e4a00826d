package io.upgradehub.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.upgradehub.campaign.dispatch.Scheduler;
import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceProgressReported;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.DeviceVersionReported;
import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageTopics;
import io.upgradehub.events.packages.PackageUpdated;
import io.upgradehub.testsupport.Await;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs campaign-service on a real port against a real MongoDB-protocol server and Kafka broker,
 * publishes package events and device reports as package-service and the device-adapter would, and
 * answers inventory-service's internal device API from WireMock (its own tests cover the real one;
 * the end-to-end tests run both). The scheduler does not run by itself: a test moves the {@link
 * MutableClock} and calls {@link #rounds}, so rates, timeouts and retries are exact.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "upgradehub.campaigns.scheduler.enabled=false")
@ActiveProfiles("test")
@Import(CampaignServiceIntegrationTest.TestClock.class)
public abstract class CampaignServiceIntegrationTest {

  protected static final WireMockServer INVENTORY =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  static {
    INVENTORY.start();
  }

  @LocalServerPort protected int port;
  @Autowired protected JsonMapper json;
  @Autowired protected MutableClock clock;
  @Autowired protected Scheduler scheduler;

  protected final HttpClient http = HttpClient.newHttpClient();
  private static KafkaProducer<String, String> producer;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.mongodb.uri", () -> SharedInfrastructure.mongo().connectionString("campaigns"));
    registry.add(
        "spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
    registry.add("upgradehub.inventory-service.url", INVENTORY::baseUrl);
  }

  /** The controllable clock every timestamp and the scheduler use. */
  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock();
    }
  }

  @BeforeEach
  void catchUpClock() {
    clock.reset();
  }

  @AfterAll
  static void closeProducer() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  // ---- fixtures -------------------------------------------------------------------------------

  /** A product key no other test uses. */
  protected static String uniqueKey(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Makes inventory-service's stand-in answer the product's devices with their versions of {@code
   * module}: the export streams them all, a lookup answers them all (the service keeps the ones it
   * asked for).
   */
  protected void fleet(String productKey, String module, Map<String, String> versions) {
    fleet(productKey, module, versions, Duration.ZERO);
  }

  /** As {@link #fleet(String, String, Map)}, the export's body spread over {@code streamed}. */
  protected void fleet(
      String productKey, String module, Map<String, String> versions, Duration streamed) {
    StringBuilder ndjson = new StringBuilder();
    StringBuilder lookup = new StringBuilder("{\"devices\":[");
    boolean first = true;
    for (Map.Entry<String, String> device : versions.entrySet()) {
      String line =
          "{\"deviceName\":\""
              + device.getKey()
              + "\",\"version\":"
              + (device.getValue() == null ? "null" : "\"" + device.getValue() + "\"")
              + "}";
      ndjson.append(line).append('\n');
      lookup.append(first ? "" : ",").append(line);
      first = false;
    }
    lookup.append("],\"missing\":[]}");
    String base = "/internal/v1/products/" + productKey + "/devices";
    INVENTORY.stubFor(
        WireMock.get(urlPathEqualTo(base + "/export"))
            .willReturn(
                streamed.isZero()
                    ? aResponse()
                        .withHeader("Content-Type", "application/x-ndjson")
                        .withBody(ndjson.toString())
                    : aResponse()
                        .withHeader("Content-Type", "application/x-ndjson")
                        .withBody(ndjson.toString())
                        .withChunkedDribbleDelay(100, (int) streamed.toMillis())));
    INVENTORY.stubFor(
        WireMock.post(urlPathEqualTo(base + "/lookup"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(lookup.toString())));
  }

  /** {@code count} devices {@code prefix-0…} all on {@code version}. */
  protected static Map<String, String> devices(String prefix, int count, String version) {
    Map<String, String> devices = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      devices.put(prefix + "-" + i, version);
    }
    return devices;
  }

  /**
   * Announces a package as package-service would and waits until this service knows it.
   *
   * @return the package id
   */
  protected String packageOf(
      String productKey, String type, String target, List<String> fromVersions) throws Exception {
    String id = UUID.randomUUID().toString();
    Instant at = clock.instant();
    publish(
        PackageTopics.PACKAGE_EVENTS,
        id,
        PackageCreated.TYPE,
        "package-service",
        new PackageCreated(
            id,
            "firmware " + target,
            type,
            productKey,
            "default",
            target,
            fromVersions,
            1024,
            "a".repeat(64),
            "b".repeat(32),
            "c2lnbmF0dXJl",
            "Ed25519",
            "UNVERIFIED",
            true,
            at));
    await(
        "package " + id + " known",
        () -> get("/api/v1/packages/" + id + "/verification").statusCode() == 200);
    return id;
  }

  /** Disables a package as package-service would, and waits until this service saw it. */
  protected void disable(String packageId) throws Exception {
    publish(
        PackageTopics.PACKAGE_EVENTS,
        packageId,
        PackageUpdated.TYPE,
        "package-service",
        new PackageUpdated(packageId, false, null, "UNVERIFIED", clock.instant().plusSeconds(1)));
    await(
        "package disabled",
        () ->
            post(
                    "/api/v1/packages/" + packageId + "/verifications",
                    "{\"fromVersions\":[\"1.0\"],\"deviceNames\":[\"x\"]}")
                .body()
                .contains("PACKAGE_DISABLED"));
  }

  /** A device reports a module's version, as the device-adapter would publish it. */
  protected void reportVersion(String productKey, String deviceName, String version)
      throws Exception {
    Instant at = clock.instant();
    publish(
        DeviceTopics.DEVICE_REPORTS,
        productKey + "/" + deviceName,
        DeviceVersionReported.TYPE,
        DeviceTopics.REPORTS_SOURCE,
        new DeviceVersionReported(
            productKey, deviceName, "default", version, UUID.randomUUID().toString(), at, at));
  }

  /** A device reports a job's progress step, or its failure when {@code failureCode} is set. */
  protected void reportProgress(
      String productKey, String deviceName, String jobId, Integer step, Integer failureCode)
      throws Exception {
    Instant at = clock.instant();
    publish(
        DeviceTopics.DEVICE_REPORTS,
        productKey + "/" + deviceName,
        DeviceProgressReported.TYPE,
        DeviceTopics.REPORTS_SOURCE,
        new DeviceProgressReported(
            productKey,
            deviceName,
            jobId,
            step,
            failureCode,
            failureCode == null ? null : "failed on purpose",
            UUID.randomUUID().toString(),
            at,
            at));
  }

  protected void publish(String topic, String key, String type, String source, Object data)
      throws Exception {
    EventEnvelope<Object> envelope =
        new EventEnvelope<>(
            UUID.randomUUID().toString(), type, 1, source, clock.instant(), key, data);
    producer().send(new ProducerRecord<>(topic, key, json.writeValueAsString(envelope))).get();
  }

  private static synchronized KafkaProducer<String, String> producer() {
    if (producer == null) {
      Properties props = new Properties();
      props.put(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
    return producer;
  }

  // ---- driving the scheduler ------------------------------------------------------------------

  /**
   * Runs scheduler rounds, the clock moving a tick (100 ms) before each, until {@code condition}
   * holds (at most 30 s of real time).
   */
  protected void roundsUntil(String what, Await.Condition condition) throws Exception {
    await(
        what,
        () -> {
          clock.advance(Duration.ofMillis(100));
          scheduler.round();
          return condition.holds();
        });
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  protected HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  protected JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  /** The batch as the API shows it now. */
  protected JsonNode batch(String batchId) throws Exception {
    HttpResponse<String> response = get("/api/v1/batches/" + batchId);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return body(response);
  }

  /** The package's verification status now. */
  protected String verification(String packageId) throws Exception {
    return body(get("/api/v1/packages/" + packageId + "/verification")).path("status").asString();
  }

  /** Waits up to 30 seconds until {@code condition} holds; see {@link Await}. */
  protected static void await(String what, Await.Condition condition) throws Exception {
    Await.until(what, condition);
  }
}
