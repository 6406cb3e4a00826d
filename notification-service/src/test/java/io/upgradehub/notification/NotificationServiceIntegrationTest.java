package io.upgradehub.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.testsupport.Await;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs notification-service on a real port against a real MongoDB-protocol server and a real Kafka
 * broker, talks to it over HTTP as a client would, and publishes the events of package-service and
 * campaign-service to Kafka as they would ({@link CampaignEvents}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class NotificationServiceIntegrationTest {

  private static CampaignEvents events;

  @LocalServerPort protected int port;
  @Autowired protected JsonMapper json;

  protected final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.mongodb.uri", () -> SharedInfrastructure.mongo().connectionString("notifications"));
    registry.add(
        "spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
  }

  /** Publishes events as package-service and campaign-service do. */
  protected static synchronized CampaignEvents events() {
    if (events == null) {
      events = new CampaignEvents(SharedInfrastructure.kafka().bootstrapServers());
    }
    return events;
  }

  @AfterAll
  static synchronized void closeEvents() {
    if (events != null) {
      events.close();
      events = null;
    }
  }

  /** Waits up to 30 seconds until {@code condition} holds; see {@link Await}. */
  protected static void await(String what, Await.Condition condition) throws Exception {
    Await.until(what, condition);
  }

  protected static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  protected HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  protected HttpResponse<String> post(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  protected HttpResponse<String> patch(String path, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  protected HttpResponse<String> delete(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Creates a notification and returns its answer (with the whole token). */
  protected JsonNode createNotification(String body) throws Exception {
    HttpResponse<String> created = post("/api/v1/notifications", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return body(created);
  }

  /** A package of {@code productKey} that this service has learnt of, with its id. */
  protected String knownPackage(String productKey, String name) throws Exception {
    String packageId = unique("pkg");
    events().packageCreated(packageId, name, productKey);
    await(
        "package " + packageId + " known",
        () ->
            post(
                        "/api/v1/notifications/" + probeNotification() + "/associations",
                        "{\"productKey\":\"%s\",\"packageIds\":[\"%s\"]}"
                            .formatted(productKey, packageId))
                    .statusCode()
                == 200);
    return packageId;
  }

  /** A notification of {@code url} (every message type) associated with the package. */
  protected String subscribeTo(String url, String productKey, String packageId) throws Exception {
    String id = createNotification("{\"url\":\"" + url + "\"}").path("id").asString();
    associatePackage(id, productKey, packageId);
    return id;
  }

  /** Associates the package of {@code productKey} with the notification. */
  protected void associatePackage(String notificationId, String productKey, String packageId)
      throws Exception {
    HttpResponse<String> associated =
        post(
            "/api/v1/notifications/" + notificationId + "/associations",
            "{\"productKey\":\"%s\",\"packageIds\":[\"%s\"]}".formatted(productKey, packageId));
    assertThat(associated.statusCode()).as(associated.body()).isEqualTo(200);
  }

  /** How many of the notification's records have {@code status}. */
  protected int recordCount(String notificationId, String status) throws Exception {
    return body(get("/api/v1/notifications/" + notificationId + "/records?size=1&status=" + status))
        .path("total")
        .asInt();
  }

  private String probe;

  /** A notification (disabled) that {@link #knownPackage} associates packages with to see them. */
  private String probeNotification() throws Exception {
    if (probe == null) {
      probe =
          createNotification(
                  "{\"name\":\"probe\",\"url\":\"https://93.184.215.14/probe\",\"enabled\":false}")
              .path("id")
              .asString();
    }
    return probe;
  }

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  protected JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }
}
