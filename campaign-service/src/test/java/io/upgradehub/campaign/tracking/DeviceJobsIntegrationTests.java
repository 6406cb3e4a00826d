package io.upgradehub.campaign.tracking;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.CampaignServiceIntegrationTest;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.testsupport.SharedInfrastructure;
import io.upgradehub.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A batch upgrade's jobs from the first command to the last report: commands and job events go out
 * through the outbox, device reports move the jobs, in any order and repeated.
 */
class DeviceJobsIntegrationTests extends CampaignServiceIntegrationTest {

  private String product;
  private String pkg;

  @BeforeEach
  void skippedPackage() throws Exception {
    product = uniqueKey("jobs");
    pkg = packageOf(product, "FULL", "2.0", List.of());
    assertThat(post("/api/v1/packages/" + pkg + "/verifications/skip", "").statusCode())
        .isEqualTo(200);
  }

  private String batchOf(String body) throws Exception {
    HttpResponse<String> created = post("/api/v1/packages/" + pkg + "/batches", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return body(created).path("id").asString();
  }

  private JsonNode job(String batchId, String deviceName) throws Exception {
    JsonNode page = body(get("/api/v1/batches/" + batchId + "/devices?deviceName=" + deviceName));
    assertThat(page.path("items").size()).as(page.toString()).isEqualTo(1);
    return page.path("items").get(0);
  }

  private String state(String batchId, String deviceName) throws Exception {
    return job(batchId, deviceName).path("state").asString();
  }

  @Test
  void aDeviceIsToldAndSucceedsOnlyWhenItReportsTheTarget() throws Exception {
    fleet(product, "default", Map.of("cam-1", "1.0", "cam-2", "2.0", "cam-3", "0.5"));
    try (TopicReader commands =
            new TopicReader(
                SharedInfrastructure.kafka().bootstrapServers(), DeviceTopics.DEVICE_COMMANDS);
        TopicReader events =
            new TopicReader(
                SharedInfrastructure.kafka().bootstrapServers(), JobTopics.JOB_EVENTS)) {
      String batchId = batchOf("{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"}}");
      roundsUntil("cam-1 notified", () -> "NOTIFIED".equals(state(batchId, "cam-1")));

      JsonNode planning = batch(batchId).path("planning");
      assertThat(planning.path("jobs").asLong()).isEqualTo(1);
      assertThat(planning.path("excluded").path("ALREADY_ON_TARGET").asLong()).isEqualTo(1);
      assertThat(planning.path("excluded").path("NOT_ON_A_FROM_VERSION").asLong()).isEqualTo(1);
      List<ConsumerRecord<String, String>> sent =
          commands.keyed(product + "/cam-1", 1, Duration.ofSeconds(20));
      assertThat(sent).hasSize(1);
      JsonNode command = json.readTree(sent.get(0).value());
      assertThat(command.path("type").asString()).isEqualTo("device.upgrade-command");
      assertThat(command.path("data").path("targetVersion").asString()).isEqualTo("2.0");
      String jobId = command.path("data").path("jobId").asString();

      reportProgress(product, "cam-1", jobId, 30, null);
      reportProgress(product, "cam-1", jobId, 80, null);
      reportProgress(product, "cam-1", jobId, 30, null); // late and repeated
      roundsUntil("cam-1 upgrading", () -> "UPGRADING".equals(state(batchId, "cam-1")));
      reportVersion(product, "cam-1", "1.0"); // the old version again: not a success
      reportVersion(product, "cam-1", "2.0");
      reportVersion(product, "cam-1", "2.0");
      roundsUntil(
          "the batch completes", () -> "COMPLETED".equals(batch(batchId).path("state").asString()));

      assertThat(batch(batchId).path("jobs").path("SUCCEEDED").asLong()).isEqualTo(1);
      List<String> states =
          events.keyed(product + "/cam-1", 4, Duration.ofSeconds(20)).stream()
              .map(r -> json.readTree(r.value()).path("data").path("state").asString())
              .toList();
      assertThat(states).containsExactly("NOTIFIED", "DOWNLOADING", "UPGRADING", "SUCCEEDED");
      JsonNode jobs = body(get("/api/v1/devices/" + product + "/cam-1/jobs"));
      assertThat(jobs.path("items").get(0).path("batchId").asString()).isEqualTo(batchId);
    }
  }

  @Test
  void aDeviceIsInOneOpenBatchPerModule() throws Exception {
    fleet(product, "default", devices("d", 4, "1.0"));
    String first =
        batchOf(
            "{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"DEVICES\",\"deviceNames\":[\"d-0\",\"d-1\"]}}");
    roundsUntil("first planned", () -> batch(first).path("planning").path("done").asBoolean());

    String second = batchOf("{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"}}");
    roundsUntil("second planned", () -> batch(second).path("planning").path("done").asBoolean());

    JsonNode planning = batch(second).path("planning");
    assertThat(planning.path("jobs").asLong()).isEqualTo(2);
    assertThat(planning.path("excluded").path("IN_ANOTHER_BATCH").asLong()).isEqualTo(2);
  }

  @Test
  void cancelingOneDeviceTellsItAndCancelingTheBatchEndsTheRest() throws Exception {
    fleet(product, "default", devices("c", 3, "1.0"));
    try (TopicReader commands =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), DeviceTopics.DEVICE_COMMANDS)) {
      String batchId = batchOf("{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"}}");
      roundsUntil("all notified", () -> batch(batchId).path("jobs").path("NOTIFIED").asLong() == 3);

      HttpResponse<String> one = post("/api/v1/batches/" + batchId + "/devices/c-0/cancel", "");
      assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
      assertThat(body(one).path("state").asString()).isEqualTo("CANCELED");
      List<String> types =
          commands.keyed(product + "/c-0", 2, Duration.ofSeconds(20)).stream()
              .map(r -> json.readTree(r.value()).path("type").asString())
              .toList();
      assertThat(types).containsExactly("device.upgrade-command", "device.cancel-command");
      assertProblem(
          post("/api/v1/batches/" + batchId + "/devices/c-0/cancel", ""),
          409,
          "JOB_STATE_CONFLICT");

      HttpResponse<String> all = post("/api/v1/batches/" + batchId + "/cancel", "");
      assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
      roundsUntil(
          "every job canceled", () -> batch(batchId).path("jobs").path("CANCELED").asLong() == 3);
      assertThat(batch(batchId).path("state").asString()).isEqualTo("CANCELED");
      assertProblem(
          post("/api/v1/batches/" + batchId + "/cancel", ""), 409, "BATCH_STATE_CONFLICT");
    }
  }

  @Test
  void pausedBatchesStartNobodyUntilResumed() throws Exception {
    fleet(product, "default", devices("p", 5, "1.0"));
    String batchId =
        batchOf("{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"},\"ratePerMinute\":60}");
    roundsUntil("one started", () -> batch(batchId).path("jobs").path("NOTIFIED").asLong() == 1);

    assertThat(post("/api/v1/batches/" + batchId + "/pause", "").statusCode()).isEqualTo(200);
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(5));
      scheduler.round();
    }
    assertThat(batch(batchId).path("jobs").path("NOTIFIED").asLong()).isEqualTo(1);

    assertThat(post("/api/v1/batches/" + batchId + "/resume", "").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    roundsUntil(
        "another started", () -> batch(batchId).path("jobs").path("NOTIFIED").asLong() == 2);
  }

  @Test
  void answersUnknownBatchesAndBadListParametersWithProblems() throws Exception {
    assertProblem(get("/api/v1/batches/nope"), 404, "BATCH_NOT_FOUND");
    assertProblem(get("/api/v1/batches/nope/devices"), 404, "BATCH_NOT_FOUND");
    fleet(product, "default", devices("x", 1, "1.0"));
    String batchId = batchOf("{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"}}");
    assertProblem(
        get("/api/v1/batches/" + batchId + "/devices?state=BORED"), 400, "INVALID_PARAMETER");
    assertProblem(
        get("/api/v1/batches/" + batchId + "/devices?size=500"), 400, "INVALID_PARAMETER");
  }
}
