package io.upgradehub.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import io.upgradehub.testsupport.Await;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs inventory-service on a real port against a real MongoDB-protocol server and talks to it over
 * HTTP as a client would, and publishes device events to a real Kafka broker as device-adapter
 * would. No S3: this service stores no files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class InventoryServiceIntegrationTest {

  @LocalServerPort protected int port;
  @Autowired protected MongoCollection<Document> productCollection;
  @Autowired protected MongoCollection<Document> deviceCollection;
  @Autowired protected JsonMapper json;

  protected final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.mongodb.uri", () -> SharedInfrastructure.mongo().connectionString("inventory"));
    registry.add(
        "spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
  }

  /** Waits up to 30 seconds until {@code condition} holds; see {@link Await}. */
  protected static void await(String what, Await.Condition condition) throws Exception {
    Await.until(what, condition);
  }

  /** A product key no other test uses. */
  protected static String uniqueKey(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  protected HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  protected HttpResponse<String> post(String path, String json) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Adds a product with the given modules (besides {@code default}) and asserts it was created. */
  protected void createProduct(String productKey, String name, String... modules) throws Exception {
    StringBuilder list = new StringBuilder();
    for (String module : modules) {
      list.append(list.isEmpty() ? "" : ",").append("{\"name\":\"").append(module).append("\"}");
    }
    HttpResponse<String> created =
        post(
            "/api/v1/products",
            """
            {"productKey":"%s","name":"%s","modules":[%s]}
            """
                .formatted(productKey, name, list));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  protected JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  /** The version distribution of a product's module: version to device count, in its order. */
  protected Map<String, Long> versionCounts(String productKey, String module) throws Exception {
    HttpResponse<String> response =
        get("/api/v1/products/" + productKey + "/version-distribution?module=" + module);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Map<String, Long> counts = new LinkedHashMap<>();
    body(response)
        .path("versions")
        .forEach(v -> counts.put(v.path("version").asString(), v.path("deviceCount").asLong()));
    return counts;
  }
}
