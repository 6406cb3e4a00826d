package io.upgradehub.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.jobs.JobState;
import io.upgradehub.notification.CampaignEvents;
import io.upgradehub.notification.NotificationServiceApplication;
import io.upgradehub.testsupport.Await;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A retry scheduled before the service stops happens after it starts again: the schedule is in the
 * store, not in memory. Runs its own two instances, one after the other, on a database and consumer
 * group of their own.
 */
class RetryAcrossRestartIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aRetryScheduledBeforeARestartHappensAfterIt() throws Exception {
    String database = "notifications-restart-" + UUID.randomUUID().toString().substring(0, 8);
    try (Receiver receiver = new Receiver();
        CampaignEvents events =
            new CampaignEvents(SharedInfrastructure.kafka().bootstrapServers())) {
      receiver.server.stubFor(
          post(urlEqualTo("/hook"))
              .inScenario("down, then up")
              .whenScenarioStateIs(STARTED)
              .willReturn(aResponse().withStatus(503))
              .willSetStateTo("up"));
      receiver.server.stubFor(
          post(urlEqualTo("/hook"))
              .inScenario("down, then up")
              .whenScenarioStateIs("up")
              .willReturn(aResponse().withStatus(200)));
      String packageId = "pkg-" + UUID.randomUUID();
      events.packageCreated(packageId, "Camera firmware", "cam");

      String notification;
      String record;
      try (ConfigurableApplicationContext first = start(database)) {
        int port = port(first);
        notification =
            JSON.readTree(
                    send(
                            port,
                            "POST",
                            "/api/v1/notifications",
                            "{\"url\":\"" + receiver.url("/hook") + "\"}")
                        .body())
                .path("id")
                .asString();
        String associate = "{\"productKey\":\"cam\",\"packageIds\":[\"" + packageId + "\"]}";
        Await.until(
            "package known",
            () ->
                send(
                            port,
                            "POST",
                            "/api/v1/notifications/" + notification + "/associations",
                            associate)
                        .statusCode()
                    == 200);
        events.job("b-restart", packageId, "dev-1", JobState.SUCCEEDED, 1, Instant.now());
        Await.until(
            "first attempt failed",
            () -> "RETRYING".equals(onlyRecord(port, notification).path("status").asString()));
        record = onlyRecord(port, notification).path("id").asString();
      }
      assertThat(receiver.requests()).hasSize(1);

      try (ConfigurableApplicationContext second = start(database)) {
        int port = port(second);
        Await.until(
            "delivered after the restart",
            () -> "DELIVERED".equals(onlyRecord(port, notification).path("status").asString()));
        JsonNode delivered = onlyRecord(port, notification);
        assertThat(delivered.path("id").asString()).isEqualTo(record);
        assertThat(delivered.path("attempts").asInt()).isEqualTo(2);
      }
      assertThat(receiver.requests()).hasSize(2);
      assertThat(receiver.requests().get(1).getHeader("webhook-id")).isEqualTo(record);
    }
  }

  private static ConfigurableApplicationContext start(String database) {
    return new SpringApplicationBuilder(NotificationServiceApplication.class)
        .profiles("test")
        .run(
            "--server.port=0",
            "--spring.mongodb.uri=" + SharedInfrastructure.mongo().connectionString(database),
            "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
            "--spring.kafka.consumer.group-id=" + database,
            // a retry 4 s after the first attempt: due while the service is down or starting
            "--upgradehub.notifications.delivery.retry-schedule=0s,4s");
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private JsonNode onlyRecord(int port, String notification) throws Exception {
    JsonNode records =
        JSON.readTree(
            send(port, "GET", "/api/v1/notifications/" + notification + "/records", null).body());
    assertThat(records.path("total").asInt()).isEqualTo(1);
    // the in-memory MongoDB's sorted page can miss a document being updated at that moment while
    // its count has it: asserted, so that the wait asks again
    assertThat(records.path("items")).as(records.toString()).hasSize(1);
    return records.path("items").get(0);
  }

  private HttpResponse<String> send(int port, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
