package io.upgradehub.campaign.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.CampaignServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Rate, timeouts, retries and the abort rule, measured against the controllable clock: the test
 * moves time and runs the scheduler's rounds itself, it never sleeps for them.
 */
class SafetyControlsIntegrationTests extends CampaignServiceIntegrationTest {

  private String product;
  private String pkg;

  @BeforeEach
  void skippedPackage() throws Exception {
    product = uniqueKey("safety");
    pkg = packageOf(product, "FULL", "2.0", List.of());
    post("/api/v1/packages/" + pkg + "/verifications/skip", "");
  }

  private String batchOf(String body) throws Exception {
    HttpResponse<String> created = post("/api/v1/packages/" + pkg + "/batches", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = body(created).path("id").asString();
    roundsUntil("planned", () -> batch(id).path("planning").path("done").asBoolean());
    return id;
  }

  /** Jobs that left QUEUED: started (or ended since). */
  private long started(String batchId) throws Exception {
    JsonNode jobs = batch(batchId).path("jobs");
    long all = 0;
    for (String state :
        List.of("NOTIFIED", "DOWNLOADING", "UPGRADING", "SUCCEEDED", "FAILED", "TIMED_OUT")) {
      all += jobs.path(state).asLong();
    }
    return all;
  }

  private JsonNode job(String batchId, String deviceName) throws Exception {
    return body(get("/api/v1/batches/" + batchId + "/devices?deviceName=" + deviceName))
        .path("items")
        .get(0);
  }

  @Test
  void sixtyPerMinuteStartsNoMoreThanSixtyDevicesInAnyMinute() throws Exception {
    fleet(product, "default", devices("r", 150, "1.0"));
    String batchId =
        batchOf("{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"},\"ratePerMinute\":60}");

    // started after each quarter second, for 150 s
    List<Long> startedAt = new ArrayList<>();
    for (int quarter = 0; quarter < 600; quarter++) {
      scheduler.round();
      startedAt.add(started(batchId));
      clock.advance(Duration.ofMillis(250));
    }

    long maxPerMinute = 0;
    for (int from = 0; from + 240 < startedAt.size(); from++) {
      long before = from == 0 ? 0 : startedAt.get(from - 1);
      maxPerMinute = Math.max(maxPerMinute, startedAt.get(from + 239) - before);
    }
    assertThat(maxPerMinute).isLessThanOrEqualTo(60).isGreaterThanOrEqualTo(55);
    assertThat(startedAt.get(startedAt.size() - 1)).isBetween(140L, 150L);
  }

  @Test
  void aJobTimesOutAndIsRetriedExactlyAsConfigured() throws Exception {
    fleet(product, "default", devices("t", 1, "1.0"));
    String batchId =
        batchOf(
            """
            {"fromVersions":["1.0"],"scope":{"type":"ALL"},"timeoutMinutes":2,
             "retry":{"count":1,"intervalSeconds":30}}
            """);
    roundsUntil("started", () -> "NOTIFIED".equals(job(batchId, "t-0").path("state").asString()));

    clock.advance(Duration.ofSeconds(110)); // 2 minutes not yet over
    scheduler.round();
    assertThat(job(batchId, "t-0").path("state").asString()).isEqualTo("NOTIFIED");
    clock.advance(Duration.ofSeconds(15));
    scheduler.round();
    JsonNode timedOut = job(batchId, "t-0");
    assertThat(timedOut.path("state").asString()).isEqualTo("TIMED_OUT");
    assertThat(timedOut.path("retryPending").asBoolean()).isTrue();

    clock.advance(Duration.ofSeconds(25)); // the 30 s interval not yet over
    scheduler.round();
    assertThat(job(batchId, "t-0").path("state").asString()).isEqualTo("TIMED_OUT");
    clock.advance(Duration.ofSeconds(10));
    scheduler.round();
    JsonNode retried = job(batchId, "t-0");
    assertThat(retried.path("state").asString()).isEqualTo("NOTIFIED");
    assertThat(retried.path("attempt").asInt()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(130));
    scheduler.round();
    JsonNode last = job(batchId, "t-0");
    assertThat(last.path("state").asString()).isEqualTo("TIMED_OUT");
    assertThat(last.path("retryPending").asBoolean()).isFalse();
    roundsUntil("completed", () -> "COMPLETED".equals(batch(batchId).path("state").asString()));
  }

  @Test
  void theAbortRulePausesTheBatchBeforeAnotherDeviceStarts() throws Exception {
    fleet(product, "default", devices("a", 10, "1.0"));
    String batchId =
        batchOf(
            """
            {"fromVersions":["1.0"],"scope":{"type":"ALL"},"ratePerMinute":60,
             "abort":{"failurePercent":50,"minFinished":2}}
            """);
    scheduler.round();
    clock.advance(Duration.ofSeconds(1));
    scheduler.round();
    assertThat(started(batchId)).isEqualTo(2);

    reportProgress(product, "a-0", job(batchId, "a-0").path("jobId").asString(), null, -1);
    reportProgress(product, "a-1", job(batchId, "a-1").path("jobId").asString(), null, -3);
    await("both failed", () -> batch(batchId).path("jobs").path("FAILED").asLong() == 2);
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofSeconds(1));
      scheduler.round();
    }

    JsonNode paused = batch(batchId);
    assertThat(paused.path("state").asString()).isEqualTo("PAUSED");
    assertThat(paused.path("reason").asString()).contains("abort rule");
    assertThat(started(batchId)).isEqualTo(2);
  }

  @Test
  void previewCountsWhatABatchWouldDoAndCreatesNothing() throws Exception {
    java.util.Map<String, String> fleet = new java.util.LinkedHashMap<>(devices("p", 4, "1.0"));
    fleet.put("on-target", "2.0");
    fleet.put("old", "0.1");
    fleet.put("other-from", "1.1");
    fleet(product, "default", fleet);

    HttpResponse<String> preview =
        post(
            "/api/v1/packages/" + pkg + "/batches/preview",
            "{\"fromVersions\":[\"1.0\",\"1.1\"],\"scope\":{\"type\":\"ALL\"}}");

    assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
    JsonNode answer = body(preview);
    assertThat(answer.path("considered").asLong()).isEqualTo(7);
    assertThat(answer.path("devices").asLong()).isEqualTo(5);
    assertThat(answer.path("byFromVersion").path("1.0").asLong()).isEqualTo(4);
    assertThat(answer.path("byFromVersion").path("1.1").asLong()).isEqualTo(1);
    assertThat(answer.path("excluded").path("ALREADY_ON_TARGET").asLong()).isEqualTo(1);
    assertThat(answer.path("excluded").path("NOT_ON_A_FROM_VERSION").asLong()).isEqualTo(1);
    assertThat(answer.path("bytes").asLong()).isEqualTo(5 * 1024);
    assertThat(body(get("/api/v1/packages/" + pkg + "/batches")).path("total").asLong()).isZero();
  }
}
