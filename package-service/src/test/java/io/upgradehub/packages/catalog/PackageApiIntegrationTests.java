package io.upgradehub.packages.catalog;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.minio.GetObjectArgs;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PackageApiIntegrationTests extends PackageServiceIntegrationTest {

  @Test
  void uploadedPackageCarriesDigestsAndSignatureThatVerifyAgainstTheServedKey() throws Exception {
    byte[] file = randomBytes(3 * 1024 * 1024 + 17, 1);
    String product = "p-" + UUID.randomUUID();
    double createdBefore = uploads("CREATED");
    double bytesBefore = meters.counter("upgradehub.package.upload.bytes").count();

    HttpResponse<String> created =
        upload(
            """
            {"name":"Gateway firmware","type":"DIFF","productKey":"%s","module":"mcu",
             "targetVersion":"2.0.0","fromVersions":["1.1.0","1.0.0","1.1.0"],
             "description":"fixes the watchdog"}
            """
                .formatted(product),
            file);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = body(created);
    String id = body.path("id").asString();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/packages/" + id);
    assertThat(body.path("size").asLong()).isEqualTo(file.length);
    assertThat(uploads("CREATED")).isEqualTo(createdBefore + 1);
    assertThat(meters.counter("upgradehub.package.upload.bytes").count())
        .isEqualTo(bytesBefore + file.length);
    assertThat(body.path("sha256").asString()).isEqualTo(hex("SHA-256", file));
    assertThat(body.path("md5").asString()).isEqualTo(hex("MD5", file));
    assertThat(body.path("status").asString()).isEqualTo("UNVERIFIED");
    assertThat(body.path("enabled").asBoolean()).isTrue();
    assertThat(body.path("module").asString()).isEqualTo("mcu");
    assertThat(body.path("fromVersions").values())
        .extracting(JsonNode::asString)
        .containsExactly("1.0.0", "1.1.0");

    JsonNode key = body(get("/api/v1/packages/signing-key"));
    assertThat(key.path("algorithm").asString()).isEqualTo("Ed25519");
    assertThat(body.path("signingKeyId").asString()).isEqualTo(key.path("keyId").asString());
    PublicKey publicKey =
        KeyFactory.getInstance("Ed25519")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getDecoder().decode(key.path("publicKey").asString())));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey);
    verifier.update(MessageDigest.getInstance("SHA-256").digest(file));
    assertThat(verifier.verify(Base64.getDecoder().decode(body.path("signature").asString())))
        .isTrue();

    try (InputStream stored =
        s3.getObject(
            GetObjectArgs.builder()
                .bucket(storageProperties.bucket())
                .object("packages/" + id)
                .build())) {
      assertThat(hex("SHA-256", stored.readAllBytes())).isEqualTo(hex("SHA-256", file));
    }

    JsonNode detail = body(get("/api/v1/packages/" + id));
    assertThat(detail.path("sha256").asString()).isEqualTo(body.path("sha256").asString());
    assertThat(detail.path("description").asString()).isEqualTo("fixes the watchdog");
    assertThat(detail.path("productKey").asString()).isEqualTo(product);
    assertThat(detail.path("createdAt").asString()).isEqualTo(body.path("createdAt").asString());
  }

  @Test
  void listSearchesNameCaseInsensitivelyWithinProductNewestFirstWithTotal() throws Exception {
    String product = "list-" + UUID.randomUUID();
    for (int i = 1; i <= 3; i++) {
      upload(metadata("Camera Firmware " + i, product, "1.0." + i), randomBytes(100, i));
    }
    upload(metadata("Doorbell", product, "9.9.9"), randomBytes(100, 9));
    upload(metadata("camera firmware elsewhere", "other-" + product, "1.0.0"), randomBytes(10, 1));

    JsonNode page =
        body(get("/api/v1/packages?name=CAMERA%20firm&productKey=" + product + "&page=0&size=2"));

    assertThat(page.path("total").asLong()).isEqualTo(3);
    assertThat(page.path("size").asInt()).isEqualTo(2);
    assertThat(page.path("items").values())
        .extracting(item -> item.path("name").asString())
        .containsExactly("Camera Firmware 3", "Camera Firmware 2");
    JsonNode second =
        body(get("/api/v1/packages?name=camera&productKey=" + product + "&page=1&size=2"));
    assertThat(second.path("items").values())
        .extracting(item -> item.path("name").asString())
        .containsExactly("Camera Firmware 1");
  }

  @Test
  void patchChangesEnabledFlagAndDescriptionOnly() throws Exception {
    String id = createPackage("patch-" + UUID.randomUUID());

    HttpResponse<String> patched =
        send(
            "PATCH",
            "/api/v1/packages/" + id,
            "application/merge-patch+json",
            "{\"enabled\":false,\"description\":\"held back\"}");

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    JsonNode detail = body(get("/api/v1/packages/" + id));
    assertThat(detail.path("enabled").asBoolean()).isFalse();
    assertThat(detail.path("description").asString()).isEqualTo("held back");
    assertThat(Instant.parse(detail.path("updatedAt").asString()))
        .isAfter(Instant.parse(detail.path("createdAt").asString()));
  }

  @Test
  void patchRefusesFieldsThatCannotChange() throws Exception {
    String id = createPackage("immutable-" + UUID.randomUUID());

    HttpResponse<String> response =
        send("PATCH", "/api/v1/packages/" + id, "application/json", "{\"targetVersion\":\"9\"}");

    JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(problem)).containsEntry("targetVersion", "NOT_MODIFIABLE");
    assertThat(body(get("/api/v1/packages/" + id)).path("targetVersion").asString())
        .isEqualTo("1.0.0");
  }

  @Test
  void deleteRemovesRecordAndObjectAndFreesTheIdentity() throws Exception {
    String product = "delete-" + UUID.randomUUID();
    String id = createPackage(product);
    assertThat(storedObjects()).contains("packages/" + id);

    HttpResponse<String> deleted =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/packages/" + id)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertProblem(get("/api/v1/packages/" + id), 404, "PACKAGE_NOT_FOUND");
    assertThat(storedObjects()).doesNotContain("packages/" + id);
    assertThat(body(get("/api/v1/packages?productKey=" + product)).path("total").asLong()).isZero();
    assertThat(upload(metadata("again", product, "1.0.0"), randomBytes(10, 3)).statusCode())
        .isEqualTo(201);
  }

  @Test
  void presignedDownloadServesRangesAndRefusesUnsatisfiableOnes() throws Exception {
    byte[] file = randomBytes(64 * 1024, 7);
    String id =
        body(upload(metadata("ranged", "range-" + UUID.randomUUID(), "1.0.0"), file))
            .path("id")
            .asString();

    JsonNode download = body(get("/api/v1/packages/" + id + "/download-url"));
    URI url = URI.create(download.path("url").asString());
    assertThat(
            Duration.between(Instant.now(), Instant.parse(download.path("expiresAt").asString())))
        .isLessThanOrEqualTo(Duration.ofMinutes(15));
    assertThat(download.path("sha256").asString()).isEqualTo(hex("SHA-256", file));

    HttpResponse<byte[]> whole =
        http.send(
            HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(file);

    HttpResponse<byte[]> range =
        http.send(
            HttpRequest.newBuilder(url).header("Range", "bytes=1000-1999").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(file, 1000, 2000));

    HttpResponse<byte[]> beyond =
        http.send(
            HttpRequest.newBuilder(url).header("Range", "bytes=999999-").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(beyond.statusCode()).isEqualTo(416);
  }

  @Test
  void tamperedDownloadUrlIsRefused() throws Exception {
    String id = createPackage("tamper-" + UUID.randomUUID());
    String url = body(get("/api/v1/packages/" + id + "/download-url")).path("url").asString();
    int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
    char flipped = url.charAt(at) == '0' ? '1' : '0';
    String tampered = url.substring(0, at) + flipped + url.substring(at + 1);

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(tampered)).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void exposesProbesAndUploadAndOutboxMetrics() throws Exception {
    createPackage("metrics-" + UUID.randomUUID());

    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    HttpResponse<String> readiness = get("/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(body(readiness).path("status").asString()).isEqualTo("UP");
    assertThat(get("/actuator/prometheus").body())
        .contains("upgradehub_package_uploads_total{")
        .contains("outcome=\"CREATED\"")
        .contains("upgradehub_package_upload_bytes_total")
        .contains("upgradehub_outbox_lag_seconds")
        .contains("upgradehub_outbox_published_total");
  }

  private String createPackage(String product) throws Exception {
    HttpResponse<String> created = upload(metadata("fw", product, "1.0.0"), randomBytes(1024, 5));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return body(created).path("id").asString();
  }

  static String hex(String algorithm, byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
  }
}
