package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.platform.Platform;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A batch scoped to a group: campaign-service plans from inventory-service's export of the devices
 * carrying the tag, on the real platform, so only the tagged devices on a from-version get a job.
 */
class GroupScopeIntegrationTests {

  private static Platform platform;
  private static Api api;
  private static Campaigns campaigns;

  @BeforeAll
  static void startPlatform() {
    platform = E2ePlatform.platform();
    api = E2ePlatform.api();
    campaigns = new Campaigns(platform, api);
  }

  private void device(String product, String name, String version, String... tags) {
    String tagList =
        String.join(",", java.util.Arrays.stream(tags).map(t -> "\"" + t + "\"").toList());
    HttpResponse<String> created =
        api.postJson(
            "/api/v1/products/" + product + "/devices",
            E2ePlatform.ADMIN,
            "{\"deviceName\":\"%s\",\"versions\":{\"default\":\"%s\"},\"tags\":[%s]}"
                .formatted(name, version, tagList));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  @Test
  void aGroupBatchPlansOnlyTheTaggedDevicesOnAFromVersion() {
    String product = campaigns.registeredProduct("e2e-group-");
    device(product, "north-1", Campaigns.FROM, "north", "pilot");
    device(product, "north-2", Campaigns.FROM, "north");
    device(product, "north-3", Campaigns.TARGET, "north");
    device(product, "south-1", Campaigns.FROM, "south");
    device(product, "untagged", Campaigns.FROM);
    String packageId = campaigns.uploadedPackage(product);
    campaigns.skippedVerification(packageId);

    String batchId =
        campaigns.createdBatch(
            packageId,
            """
            {"fromVersions":["%s"],"scope":{"type":"GROUP","tag":"north"},"ratePerMinute":1}
            """
                .formatted(Campaigns.FROM));

    Campaigns.await(
        Duration.ofSeconds(60),
        () -> campaigns.batch(batchId).path("planning").path("done").asBoolean(),
        "batch " + batchId + " planned");
    JsonNode planning = campaigns.batch(batchId).path("planning");
    assertThat(planning.path("jobs").asLong()).as(planning.toString()).isEqualTo(2);
    assertThat(planning.path("excluded").path("ALREADY_ON_TARGET").asLong()).isEqualTo(1);
    Set<String> planned = new TreeSet<>();
    campaigns.batchJobs(batchId).forEach(job -> planned.add(job.path("deviceName").asString()));
    assertThat(planned).containsExactlyElementsOf(List.of("north-1", "north-2"));

    HttpResponse<String> canceled =
        api.postJson("/api/v1/batches/" + batchId + "/cancel", E2ePlatform.ADMIN, "");
    assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
  }
}
