package io.upgradehub.campaign.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.CampaignServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Planning reads the fleet a chunk at a time and stores each chunk while it reads the next: a batch
 * canceled meanwhile stops planning at the next chunk and ends with no job open.
 */
class PlanningIntegrationTests extends CampaignServiceIntegrationTest {

  @Test
  void aBatchCanceledWhileItIsPlannedStopsPlanningAndLeavesNoJobOpen() throws Exception {
    String product = uniqueKey("slow");
    int fleetSize = 6_000;
    // the export's body comes in over 8 s, so that the cancel arrives while it is read
    fleet(product, "default", devices("d", fleetSize, "1.0"), Duration.ofSeconds(8));
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    post("/api/v1/packages/" + pkg + "/verifications/skip", "");
    HttpResponse<String> created =
        post(
            "/api/v1/packages/" + pkg + "/batches",
            "{\"fromVersions\":[\"1.0\"],\"strategy\":\"STATIC\",\"scope\":{\"type\":\"ALL\"},"
                + "\"ratePerMinute\":1}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = body(created).path("id").asString();
    roundsUntil(
        "a first chunk stored", () -> batch(id).path("planning").path("jobs").asLong() >= 1_000);

    HttpResponse<String> canceled = post("/api/v1/batches/" + id + "/cancel", "");
    assertThat(canceled.statusCode()).as(canceled.body()).isBetween(200, 299);
    roundsUntil(
        "planning over and every job canceled",
        () -> {
          JsonNode batch = batch(id);
          return batch.path("planning").path("done").asBoolean()
              && "CANCELED".equals(batch.path("state").asString())
              && batch.path("jobs").path("CANCELED").asLong()
                  == batch.path("planning").path("jobs").asLong();
        });

    JsonNode batch = batch(id);
    long planned = batch.path("planning").path("jobs").asLong();
    assertThat(planned).isBetween(1_000L, fleetSize - 1L);
    assertThat(body(get("/api/v1/batches/" + id + "/devices")).path("total").asLong())
        .isEqualTo(planned);
    for (String open : List.of("QUEUED", "NOTIFIED", "DOWNLOADING", "UPGRADING")) {
      assertThat(batch.path("jobs").path(open).asLong()).as(open).isZero();
    }
  }
}
