package io.upgradehub.campaign.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.CampaignServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dynamic batch takes devices that report a from-version later; a static one never grows. */
class StrategyIntegrationTests extends CampaignServiceIntegrationTest {

  private String batchFor(String product, String strategy) throws Exception {
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    post("/api/v1/packages/" + pkg + "/verifications/skip", "");
    HttpResponse<String> created =
        post(
            "/api/v1/packages/" + pkg + "/batches",
            "{\"fromVersions\":[\"1.0\"],\"strategy\":\"%s\",\"scope\":{\"type\":\"ALL\"}}"
                .formatted(strategy));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = body(created).path("id").asString();
    roundsUntil("planned", () -> batch(id).path("planning").path("done").asBoolean());
    return id;
  }

  private long jobs(String batchId) throws Exception {
    return body(get("/api/v1/batches/" + batchId + "/devices")).path("total").asLong();
  }

  @Test
  void aDeviceReportingAFromVersionJoinsADynamicBatchOnce() throws Exception {
    String product = uniqueKey("dynamic");
    fleet(product, "default", devices("d", 2, "1.0"));
    String batchId = batchFor(product, "DYNAMIC");
    assertThat(jobs(batchId)).isEqualTo(2);

    reportVersion(product, "late", "1.0");
    reportVersion(product, "elsewhere", "0.5"); // not a from-version

    roundsUntil(
        "the late device joined and was told",
        () -> {
          var page = body(get("/api/v1/batches/" + batchId + "/devices?deviceName=late"));
          return page.path("total").asLong() == 1
              && "NOTIFIED".equals(page.path("items").get(0).path("state").asString());
        });
    reportVersion(product, "late", "2.0");
    roundsUntil(
        "the late device succeeded",
        () -> batch(batchId).path("jobs").path("SUCCEEDED").asLong() == 1);
    reportVersion(product, "late", "1.0"); // back on the old version: it was in the batch once
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMillis(200));
      scheduler.round();
      Thread.sleep(100);
    }
    assertThat(jobs(batchId)).isEqualTo(3);
    assertThat(
            body(get("/api/v1/batches/" + batchId + "/devices?deviceName=elsewhere"))
                .path("total")
                .asLong())
        .isZero();
  }

  @Test
  void aStaticBatchNeverGrows() throws Exception {
    String product = uniqueKey("static");
    fleet(product, "default", devices("d", 2, "1.0"));
    String batchId = batchFor(product, "STATIC");

    reportVersion(product, "late", "1.0");
    // the report is applied (a later one of the same device is seen) before the check
    reportVersion(product, "d-0", "2.0");
    roundsUntil("d-0 succeeded", () -> batch(batchId).path("jobs").path("SUCCEEDED").asLong() == 1);

    assertThat(jobs(batchId)).isEqualTo(2);
  }
}
