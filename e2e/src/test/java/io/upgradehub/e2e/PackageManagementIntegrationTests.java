package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Package management end to end: the real package-service and gateway jars as child JVMs on a real
 * Kafka broker JVM, an S3 server and a MongoDB-protocol server, called only through the gateway as
 * an integrator would, on the platform every e2e class shares ({@link E2ePlatform}); each test
 * makes its own packages.
 */
class PackageManagementIntegrationTests {

  private static final ApiKey ADMIN = E2ePlatform.ADMIN;
  private static final ApiKey VIEWER = E2ePlatform.VIEWER;
  private static final String PACKAGE_EVENTS = "upgradehub.package-events";

  private static Platform platform;
  private static Api api;

  @BeforeAll
  static void startPlatform() {
    platform = E2ePlatform.platform();
    api = E2ePlatform.api();
  }

  @Test
  void uploadAnswersCreatedWithTheDigestsOfTheBytesSent() throws Exception {
    byte[] firmware = firmware(300_000);
    Api.Metadata metadata = fullPackage();

    HttpResponse<String> response = api.uploadOnceProductKnown(ADMIN, metadata, firmware);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode created = Api.json(response);
    String id = created.get("id").asString();
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/api/v1/packages/" + id));
    assertThat(created.get("name").asString()).isEqualTo(metadata.name());
    assertThat(created.get("type").asString()).isEqualTo("FULL");
    assertThat(created.get("productKey").asString()).isEqualTo(metadata.productKey());
    assertThat(created.get("module").asString()).isEqualTo("default");
    assertThat(created.get("targetVersion").asString()).isEqualTo("1.0.0");
    assertThat(created.get("status").asString()).isEqualTo("UNVERIFIED");
    assertThat(created.get("size").asLong()).isEqualTo(firmware.length);
    assertThat(created.get("sha256").asString()).isEqualTo(hex("SHA-256", firmware));
    assertThat(created.get("md5").asString()).isEqualTo(hex("MD5", firmware));
    assertThat(created.get("signatureAlgorithm").asString()).isEqualTo("Ed25519");
  }

  @Test
  void listsAndShowsAnUploadedPackage() {
    Api.Metadata metadata = fullPackage();
    JsonNode created = uploaded(metadata, firmware(5_000));
    String id = created.get("id").asString();

    HttpResponse<String> list =
        api.get(
            "/api/v1/packages?name="
                + URLEncoder.encode(metadata.name(), StandardCharsets.UTF_8)
                + "&productKey="
                + metadata.productKey()
                + "&page=0&size=10",
            ADMIN);
    HttpResponse<String> detail = api.get("/api/v1/packages/" + id, ADMIN);

    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    JsonNode page = Api.json(list);
    assertThat(page.get("total").asLong()).isEqualTo(1);
    assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(id);
    assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
    JsonNode shown = Api.json(detail);
    assertThat(withoutTimestamps(shown)).isEqualTo(withoutTimestamps(created));
    for (String field : List.of("createdAt", "updatedAt")) {
      // MongoDB keeps milliseconds; the upload's answer may carry more digits
      assertThat(millis(shown, field)).as(field).isEqualTo(millis(created, field));
    }
  }

  private static JsonNode withoutTimestamps(JsonNode node) {
    ObjectNode copy = (ObjectNode) node.deepCopy();
    copy.remove(List.of("createdAt", "updatedAt"));
    return copy;
  }

  private static Instant millis(JsonNode node, String field) {
    return Instant.parse(node.get(field).asString()).truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void signsTheRawSha256WithTheKeyItServes() throws Exception {
    byte[] firmware = firmware(20_000);
    JsonNode created = uploaded(fullPackage(), firmware);

    HttpResponse<String> response = api.get("/api/v1/packages/signing-key", VIEWER);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode signingKey = Api.json(response);
    assertThat(signingKey.get("algorithm").asString()).isEqualTo("Ed25519");
    PublicKey publicKey =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getDecoder().decode(signingKey.get("publicKey").asString())));
    byte[] signature = Base64.getDecoder().decode(created.get("signature").asString());
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(firmware);
    assertThat(verifies(publicKey, digest, signature)).isTrue();
    digest[0] ^= 1;
    assertThat(verifies(publicKey, digest, signature)).isFalse();
  }

  @Test
  void servesThePackageThroughAPresignedUrlWithRanges() {
    byte[] firmware = firmware(100_000);
    String id = uploaded(fullPackage(), firmware).get("id").asString();

    HttpResponse<String> response = api.get("/api/v1/packages/" + id + "/download-url", VIEWER);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode download = Api.json(response);
    URI url = URI.create(download.get("url").asString());
    assertThat(Instant.parse(download.get("expiresAt").asString()))
        .isAfter(Instant.now())
        .isBefore(Instant.now().plus(Duration.ofMinutes(16)));

    HttpResponse<byte[]> whole = fetch(url, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(firmware);

    HttpResponse<byte[]> part = fetch(url, "bytes=10-19");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(firmware, 10, 20));
    assertThat(part.headers().firstValue("Content-Range"))
        .hasValue("bytes 10-19/" + firmware.length);

    HttpResponse<byte[]> beyond = fetch(url, "bytes=" + (firmware.length + 100) + "-");
    assertThat(beyond.statusCode()).isEqualTo(416);
  }

  @Test
  void deletesAPackageWithItsFile() {
    String id = uploaded(fullPackage(), firmware(4_000)).get("id").asString();
    URI url =
        URI.create(
            Api.json(api.get("/api/v1/packages/" + id + "/download-url", ADMIN))
                .get("url")
                .asString());

    HttpResponse<String> deleted = api.delete("/api/v1/packages/" + id, ADMIN);

    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
    HttpResponse<String> gone = api.get("/api/v1/packages/" + id, ADMIN);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertProblem(gone);
    assertThat(fetch(url, null).statusCode()).isEqualTo(404);
  }

  @Test
  void refusesCallersWithoutAValidKey() {
    HttpResponse<String> noKey = api.get("/api/v1/packages", null);
    HttpResponse<String> wrongKey =
        api.get("/api/v1/packages", ApiKey.generate("stranger", "admin"));

    assertThat(noKey.statusCode()).isEqualTo(401);
    assertProblem(noKey);
    assertThat(wrongKey.statusCode()).isEqualTo(401);
    assertProblem(wrongKey);
  }

  @Test
  void acceptsTheKeyInTheXApiKeyHeaderToo() {
    HttpResponse<String> response =
        api.send(
            api.request("/api/v1/packages", null).header("X-API-Key", VIEWER.key()).GET().build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void letsAViewerReadButNotUpload() {
    Api.Metadata metadata = fullPackage();

    HttpResponse<String> upload = api.upload(VIEWER, metadata, firmware(1_000));
    HttpResponse<String> list =
        api.get("/api/v1/packages?productKey=" + metadata.productKey() + "&page=0&size=10", VIEWER);

    assertThat(upload.statusCode()).isEqualTo(403);
    assertProblem(upload);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(Api.json(list).get("total").asLong()).isZero();
  }

  @Test
  void echoesTheCallersRequestIdAndGivesOneOtherwise() {
    String requestId = "e2e-" + UUID.randomUUID();

    HttpResponse<String> given =
        api.send(
            api.request("/api/v1/packages", ADMIN).header("X-Request-Id", requestId).GET().build());
    HttpResponse<String> generated = api.get("/api/v1/packages", ADMIN);
    HttpResponse<String> refused = api.get("/api/v1/packages", null);

    assertThat(given.headers().firstValue("X-Request-Id")).hasValue(requestId);
    assertThat(generated.headers().firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).isNotBlank());
    assertThat(refused.headers().firstValue("X-Request-Id"))
        .hasValueSatisfying(id -> assertThat(id).isNotBlank());
  }

  @Test
  void publishesPackageCreatedOnKafkaKeyedByThePackageId() {
    String id = uploaded(fullPackage(), firmware(2_000)).get("id").asString();

    ConsumerRecord<String, String> event = awaitEvent(id);

    JsonNode envelope = Api.JSON.readTree(event.value());
    assertThat(envelope.get("type").asString()).isEqualTo("package.created");
    assertThat(envelope.get("subject").asString()).isEqualTo(id);
    assertThat(envelope.get("source").asString()).isEqualTo("package-service");
    assertThat(envelope.get("data").get("packageId").asString()).isEqualTo(id);
  }

  @Test
  void acceptsAPackageForAProductRegisteredThroughTheGatewayAndRefusesUnknownOnes() {
    String product = registeredProduct("mcu");
    String unique = UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<String> accepted =
        api.uploadOnceProductKnown(
            ADMIN,
            new Api.Metadata("mcu " + unique, "FULL", product, "mcu", "2.0.0", List.of(), null),
            firmware(3_000));
    HttpResponse<String> unknownProduct =
        api.upload(
            ADMIN,
            new Api.Metadata(
                "ghost " + unique, "FULL", "e2e-ghost-" + unique, null, "1.0.0", List.of(), null),
            firmware(3_000));
    HttpResponse<String> unknownModule =
        api.upload(
            ADMIN,
            new Api.Metadata("modem " + unique, "FULL", product, "modem", "1.0.0", List.of(), null),
            firmware(3_000));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    assertThat(Api.json(accepted).get("module").asString()).isEqualTo("mcu");
    assertRefused(unknownProduct, "UNKNOWN_PRODUCT", "productKey");
    assertRefused(unknownModule, "UNKNOWN_MODULE", "module");
  }

  private static void assertRefused(HttpResponse<String> response, String code, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
    assertProblem(response);
    JsonNode problem = Api.json(response);
    assertThat(problem.get("code").asString()).isEqualTo(code);
    assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
  }

  /** A product of its own, registered through the gateway as an operator would. */
  private static String registeredProduct(String... modules) {
    String product = "e2e-product-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = api.registerProduct(ADMIN, product, modules);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return product;
  }

  /** The metadata of a FULL package for a product of its own, registered through the gateway. */
  private static Api.Metadata fullPackage() {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    return new Api.Metadata(
        "e2e firmware " + unique,
        "FULL",
        registeredProduct(),
        null,
        "1.0.0",
        List.of(),
        "uploaded by the end-to-end tests");
  }

  private static JsonNode uploaded(Api.Metadata metadata, byte[] firmware) {
    HttpResponse<String> response = api.uploadOnceProductKnown(ADMIN, metadata, firmware);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return Api.json(response);
  }

  private static byte[] firmware(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static HttpResponse<byte[]> fetch(URI url, String range) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
    if (range != null) {
      request.header("Range", range);
    }
    return api.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertProblem(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = Api.json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
    assertThat(problem.get("code").asString()).isNotBlank();
  }

  private static boolean verifies(PublicKey key, byte[] digest, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(key);
    verifier.update(digest);
    return verifier.verify(signature);
  }

  private static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }

  private static ConsumerRecord<String, String> awaitEvent(String packageId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(PACKAGE_EVENTS));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (packageId.equals(record.key())) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("no event keyed " + packageId + " on " + PACKAGE_EVENTS);
  }
}
