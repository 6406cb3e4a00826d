package io.upgradehub.bench;

import io.upgradehub.platform.apikey.ApiKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's public API through the gateway, as the benchmarks use it: an API key, HTTP/1.1
 * keep-alive, and a failure ({@link IllegalStateException} with the answer) on any status but the
 * expected one.
 */
final class GatewayApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI gateway;
  private final ApiKey key;

  GatewayApi(URI gateway, ApiKey key) {
    this.gateway = gateway;
    this.key = key;
  }

  /** A request to {@code path} with the API key. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(gateway.resolve(path))
        .header("Authorization", "Bearer " + key.key());
  }

  /** Sends {@code request}, whatever it answers. */
  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.uri(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    }
  }

  /** Sends {@code request} without waiting for the answer. */
  CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends {@code request} and returns its body, which must come with {@code status}. */
  String send(HttpRequest request, int status) {
    return require(send(request), status).body();
  }

  /** {@code GET path}, answered 200, as JSON. */
  JsonNode get(String path) {
    return JSON.readTree(send(request(path).GET().build(), 200));
  }

  /** {@code POST path} with a JSON body, answered {@code status}, as JSON. */
  JsonNode post(String path, String json, int status) {
    String body =
        send(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            status);
    return body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
  }

  /** Registers product {@code productKey} with the modules {@code default} and {@code mcu}. */
  void createProduct(String productKey) {
    post(
        "/api/v1/products",
        "{\"productKey\":\""
            + productKey
            + "\",\"name\":\"Bench fleet\",\"modules\":[{\"name\":\"mcu\"}]}",
        201);
  }

  /** Imports the CSV {@code csv} into the product's devices; returns the answer's body. */
  String importDevices(String productKey, Supplier<InputStream> csv) {
    return send(
        request("/api/v1/products/" + productKey + "/devices/import")
            .header("Content-Type", "text/csv")
            .timeout(Duration.ofHours(2))
            .POST(HttpRequest.BodyPublishers.ofInputStream(csv))
            .build(),
        200);
  }

  /**
   * Uploads a small FULL package of module {@code default} for the product, waiting (up to a
   * minute) until package-service, which learns products through Kafka, knows the product.
   *
   * @return the package's id
   */
  String uploadPackage(String productKey, String targetVersion, int size)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> answer = send(packageUpload(productKey, targetVersion, size));
      if (answer.statusCode() == 201) {
        return JSON.readTree(answer.body()).get("id").asString();
      }
      if (!answer.body().contains("UNKNOWN_PRODUCT") || System.nanoTime() > deadline) {
        require(answer, 201);
      }
      Thread.sleep(250);
    }
  }

  private HttpRequest packageUpload(String productKey, String targetVersion, int size) {
    String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + "{\"name\":\"bench-"
                + targetVersion
                + "\",\"type\":\"FULL\",\"productKey\":\""
                + productKey
                + "\",\"targetVersion\":\""
                + targetVersion
                + "\"}\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fw.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return request("/api/v1/packages")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .timeout(Duration.ofMinutes(5))
        .POST(
            HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new SequenceInputStream(
                            Collections.enumeration(
                                List.of(
                                    new ByteArrayInputStream(head),
                                    new GeneratedFirmware(size, 7),
                                    new ByteArrayInputStream(tail))))),
                head.length + size + tail.length))
        .build();
  }

  /**
   * Skips the package's verification once campaign-service knows the package (its verification
   * answers 404 until it has read the package's event), waiting up to {@code timeout}. The status
   * is read from campaign-service itself: the gateway routes only {@code …/verifications/**} to it,
   * so {@code GET /api/v1/packages/{id}/verification} through the gateway reaches package-service,
   * which answers 404.
   *
   * @param campaignService campaign-service's own base URL
   * @return the verification status after the skip
   */
  String skipVerification(URI campaignService, String packageId, Duration timeout)
      throws InterruptedException {
    HttpRequest status =
        HttpRequest.newBuilder(
                campaignService.resolve("/api/v1/packages/" + packageId + "/verification"))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      HttpResponse<String> answer = send(status);
      if (answer.statusCode() == 200) {
        break;
      }
      if (answer.statusCode() != 404 || System.nanoTime() > deadline) {
        require(answer, 200);
      }
      Thread.sleep(250);
    }
    return post("/api/v1/packages/" + packageId + "/verifications/skip", "", 200)
        .path("status")
        .asString();
  }

  /** {@code response}, when it came with {@code status}. */
  static HttpResponse<String> require(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + ": "
              + abbreviated(response.body()));
    }
    return response;
  }

  static String abbreviated(String body) {
    return body.length() <= 400 ? body : body.substring(0, 400) + "…";
  }
}
