package io.upgradehub.e2e;

import io.upgradehub.platform.apikey.ApiKey;
import io.upgradehub.platform.seed.MultipartBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A thin HTTP client for the platform's public API, as an integrator would call it. */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI gateway;

  Api(URI gateway) {
    this.gateway = gateway;
  }

  /** Metadata of a package to upload; null fields are left out of the JSON. */
  record Metadata(
      String name,
      String type,
      String productKey,
      String module,
      String targetVersion,
      List<String> fromVersions,
      String description) {

    String toJson() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("name", name);
      fields.put("type", type);
      fields.put("productKey", productKey);
      if (module != null) {
        fields.put("module", module);
      }
      fields.put("targetVersion", targetVersion);
      fields.put("fromVersions", fromVersions);
      fields.put("description", description);
      return JSON.writeValueAsString(fields);
    }
  }

  HttpResponse<String> upload(ApiKey key, Metadata metadata, byte[] file) {
    MultipartBody body =
        MultipartBody.builder()
            .part("metadata", "application/json", metadata.toJson())
            .file("file", "firmware.bin", "application/octet-stream", file)
            .build();
    return send(
        request("/api/v1/packages", key)
            .header("Content-Type", body.contentType())
            .POST(body.publisher())
            .build());
  }

  /**
   * Uploads like {@link #upload}, again while package-service answers 422 {@code UNKNOWN_PRODUCT}:
   * a product registered a moment ago reaches package-service through Kafka. Gives up after 60 s
   * and returns the last answer.
   */
  HttpResponse<String> uploadOnceProductKnown(ApiKey key, Metadata metadata, byte[] file) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response = upload(key, metadata, file);
      boolean unknown =
          response.statusCode() == 422 && response.body().contains("\"UNKNOWN_PRODUCT\"");
      if (!unknown || System.nanoTime() > deadline) {
        return response;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return response;
      }
    }
  }

  /** Registers a product with the module {@code default} and {@code modules}; answers 201. */
  HttpResponse<String> registerProduct(ApiKey key, String productKey, String... modules) {
    List<Map<String, String>> moduleList =
        java.util.Arrays.stream(modules).map(name -> Map.of("name", name)).toList();
    return postJson(
        "/api/v1/products",
        key,
        JSON.writeValueAsString(
            Map.of("productKey", productKey, "name", productKey, "modules", moduleList)));
  }

  HttpResponse<String> postJson(String path, ApiKey key, String json) {
    return send(
        request(path, key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  HttpResponse<String> get(String path, ApiKey key) {
    return send(request(path, key).GET().build());
  }

  HttpResponse<String> delete(String path, ApiKey key) {
    return send(request(path, key).DELETE().build());
  }

  /** A request to the gateway with the key as a bearer token (no key when null). */
  HttpRequest.Builder request(String path, ApiKey key) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(60));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key.key());
    }
    return builder;
  }

  HttpResponse<String> send(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
