package io.upgradehub.campaign.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.CampaignServiceIntegrationTest;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.DeviceUpgradeRequested;
import io.upgradehub.testsupport.SharedInfrastructure;
import io.upgradehub.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code PULL} jobs wait in QUEUED until their device asks: over HTTP (the adapter) or MQTT. */
class PullIntegrationTests extends CampaignServiceIntegrationTest {

  private String product;
  private String batchId;

  @BeforeEach
  void pullBatch() throws Exception {
    product = uniqueKey("pull");
    fleet(product, "default", devices("p", 2, "1.0"));
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    post("/api/v1/packages/" + pkg + "/verifications/skip", "");
    HttpResponse<String> created =
        post(
            "/api/v1/packages/" + pkg + "/batches",
            "{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"},\"mode\":\"PULL\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    batchId = body(created).path("id").asString();
    roundsUntil("planned", () -> batch(batchId).path("planning").path("done").asBoolean());
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMillis(100));
      scheduler.round();
    }
  }

  private HttpResponse<String> openJob(String device, String version) throws Exception {
    return get(
        "/internal/v1/devices/"
            + product
            + "/"
            + device
            + "/open-job?module=default&version="
            + version);
  }

  private String state(String device) throws Exception {
    return body(get("/api/v1/batches/" + batchId + "/devices?deviceName=" + device))
        .path("items")
        .get(0)
        .path("state")
        .asString();
  }

  @Test
  void aPullJobWaitsQueuedUntilItsDeviceAsksOverHttp() throws Exception {
    assertThat(state("p-0")).isEqualTo("QUEUED");

    HttpResponse<String> answer = openJob("p-0", "1.0");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode command = body(answer);
    assertThat(command.path("targetVersion").asString()).isEqualTo("2.0");
    assertThat(state("p-0")).isEqualTo("NOTIFIED");
    // asking again answers the same job
    assertThat(body(openJob("p-0", "1.0")).path("jobId").asString())
        .isEqualTo(command.path("jobId").asString());
    // a device on the target, or without a job, gets nothing
    assertThat(openJob("p-1", "2.0").statusCode()).isEqualTo(204);
    assertThat(openJob("nobody", "1.0").statusCode()).isEqualTo(204);
  }

  @Test
  void aPullJobStartsWhenItsDeviceAsksOverMqtt() throws Exception {
    try (TopicReader commands =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), DeviceTopics.DEVICE_COMMANDS)) {
      Instant at = clock.instant();
      publish(
          DeviceTopics.DEVICE_REPORTS,
          product + "/p-1",
          DeviceUpgradeRequested.TYPE,
          DeviceTopics.REPORTS_SOURCE,
          new DeviceUpgradeRequested(
              product,
              "p-1",
              "default",
              "1.0",
              DeviceUpgradeRequested.CHANNEL_MQTT,
              UUID.randomUUID().toString(),
              at,
              at));

      roundsUntil("p-1 notified", () -> "NOTIFIED".equals(state("p-1")));
      assertThat(commands.keyed(product + "/p-1", 1, Duration.ofSeconds(20))).hasSize(1);
      assertThat(state("p-0")).isEqualTo("QUEUED");
    }
  }
}
