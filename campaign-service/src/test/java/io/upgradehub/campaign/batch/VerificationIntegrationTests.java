package io.upgradehub.campaign.batch;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.CampaignServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The verification gate of spec §1.2, through the API, with device reports over Kafka. */
class VerificationIntegrationTests extends CampaignServiceIntegrationTest {

  private static final String ALL_BATCH =
      """
      {"fromVersions":["1.0"],"scope":{"type":"ALL"}}
      """;

  private String verify(String packageId, String... devices) throws Exception {
    HttpResponse<String> created =
        post(
            "/api/v1/packages/" + packageId + "/verifications",
            """
            {"fromVersions":["1.0"],"mode":"PUSH","deviceNames":[%s]}
            """
                .formatted(
                    String.join(
                        ",", List.of(devices).stream().map(d -> "\"" + d + "\"").toList())));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).isPresent();
    return body(created).path("id").asString();
  }

  private String jobOf(String batchId, String deviceName) throws Exception {
    JsonNode page = body(get("/api/v1/batches/" + batchId + "/devices?deviceName=" + deviceName));
    return page.path("items").get(0).path("jobId").asString();
  }

  private boolean completed(String batchId) throws Exception {
    JsonNode batch = batch(batchId);
    assertThat(batch.path("state").asString()).as(batch.toString()).isEqualTo("COMPLETED");
    return true;
  }

  @Test
  void refusesABatchUpgradeBeforeVerification() throws Exception {
    String product = uniqueKey("gate");
    fleet(product, "default", devices("d", 3, "1.0"));
    String pkg = packageOf(product, "FULL", "2.0", List.of());

    assertProblem(post("/api/v1/packages/" + pkg + "/batches", ALL_BATCH), 409, "NOT_VERIFIED");
    assertThat(body(get("/api/v1/packages/" + pkg + "/batches")).path("total").asLong()).isZero();
  }

  @Test
  void aVerificationWhoseEveryDeviceSucceedsVerifiesThePackageAndAllowsBatches() throws Exception {
    String product = uniqueKey("verify-ok");
    fleet(product, "default", devices("d", 3, "1.0"));
    String pkg = packageOf(product, "FULL", "2.0", List.of());

    String batchId = verify(pkg, "d-0", "d-1");
    assertThat(verification(pkg)).isEqualTo("VERIFYING");
    assertThat(batch(batchId).path("kind").asString()).isEqualTo("VERIFY");
    roundsUntil(
        "both jobs notified", () -> batch(batchId).path("jobs").path("NOTIFIED").asLong() == 2);

    reportVersion(product, "d-0", "2.0");
    reportVersion(product, "d-1", "2.0");

    roundsUntil("the verification completes", () -> completed(batchId));
    assertThat(batch(batchId).path("jobs").path("SUCCEEDED").asLong()).isEqualTo(2);
    assertThat(verification(pkg)).isEqualTo("VERIFIED");
    HttpResponse<String> upgrade = post("/api/v1/packages/" + pkg + "/batches", ALL_BATCH);
    assertThat(upgrade.statusCode()).as(upgrade.body()).isEqualTo(201);
  }

  @Test
  void aFailedVerificationLeavesVerifyFailedAndStillRefusesBatches() throws Exception {
    String product = uniqueKey("verify-fail");
    fleet(product, "default", devices("d", 2, "1.0"));
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    String batchId = verify(pkg, "d-0", "d-1");
    roundsUntil(
        "both jobs notified", () -> batch(batchId).path("jobs").path("NOTIFIED").asLong() == 2);

    reportVersion(product, "d-0", "2.0");
    reportProgress(product, "d-1", jobOf(batchId, "d-1"), null, -3);

    roundsUntil("the verification completes", () -> completed(batchId));
    assertThat(verification(pkg)).isEqualTo("VERIFY_FAILED");
    assertProblem(post("/api/v1/packages/" + pkg + "/batches", ALL_BATCH), 409, "NOT_VERIFIED");
  }

  @Test
  void skippingAllowsBatchesAndForbidsVerificationForever() throws Exception {
    String product = uniqueKey("skip");
    fleet(product, "default", devices("d", 2, "1.0"));
    String pkg = packageOf(product, "FULL", "2.0", List.of());

    HttpResponse<String> skipped = post("/api/v1/packages/" + pkg + "/verifications/skip", "");
    assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
    assertThat(body(skipped).path("status").asString()).isEqualTo("VERIFY_SKIPPED");

    assertProblem(
        post(
            "/api/v1/packages/" + pkg + "/verifications",
            "{\"fromVersions\":[\"1.0\"],\"deviceNames\":[\"d-0\"]}"),
        409,
        "VERIFICATION_SKIPPED");
    assertThat(post("/api/v1/packages/" + pkg + "/batches", ALL_BATCH).statusCode()).isEqualTo(201);
  }

  @Test
  void aDisabledPackageGetsNeitherVerificationNorBatches() throws Exception {
    String product = uniqueKey("disabled");
    fleet(product, "default", devices("d", 2, "1.0"));
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    post("/api/v1/packages/" + pkg + "/verifications/skip", "");

    disable(pkg);

    assertProblem(
        post(
            "/api/v1/packages/" + pkg + "/verifications",
            "{\"fromVersions\":[\"1.0\"],\"deviceNames\":[\"d-0\"]}"),
        409,
        "PACKAGE_DISABLED");
    assertProblem(post("/api/v1/packages/" + pkg + "/batches", ALL_BATCH), 409, "PACKAGE_DISABLED");
  }

  @Test
  void refusesUnknownAndIneligibleDevicesAndCreatesNothing() throws Exception {
    String product = uniqueKey("verify-devices");
    fleet(product, "default", java.util.Map.of("on-1.0", "1.0", "on-2.0", "2.0", "on-0.9", "0.9"));
    String pkg = packageOf(product, "FULL", "2.0", List.of());

    JsonNode unknown =
        assertProblem(
            post(
                "/api/v1/packages/" + pkg + "/verifications",
                "{\"fromVersions\":[\"1.0\"],\"deviceNames\":[\"on-1.0\",\"nobody\"]}"),
            422,
            "UNKNOWN_DEVICES");
    assertThat(fieldErrors(unknown)).containsEntry("deviceNames[1]", "UNKNOWN");
    JsonNode ineligible =
        assertProblem(
            post(
                "/api/v1/packages/" + pkg + "/verifications",
                "{\"fromVersions\":[\"1.0\"],\"deviceNames\":[\"on-1.0\",\"on-2.0\",\"on-0.9\"]}"),
            422,
            "DEVICES_NOT_ELIGIBLE");
    assertThat(fieldErrors(ineligible))
        .containsEntry("deviceNames[1]", "ALREADY_ON_TARGET")
        .containsEntry("deviceNames[2]", "NOT_ON_A_FROM_VERSION")
        .doesNotContainKey("deviceNames[0]");
    assertThat(verification(pkg)).isEqualTo("UNVERIFIED");
    assertThat(body(get("/api/v1/packages/" + pkg + "/batches")).path("total").asLong()).isZero();
  }
}
