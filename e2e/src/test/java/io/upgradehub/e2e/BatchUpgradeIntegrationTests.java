package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.platform.Platform;
import io.upgradehub.simulator.Fleet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A package's whole way to a fleet, through the gateway on the real platform: the batch is refused
 * before the package is verified, a verification on two simulated devices verifies it, and a STATIC
 * batch of every device upgrades the rest. campaign-service plans from inventory-service, sends its
 * commands through Kafka and the device-adapter, the simulated devices download and verify the real
 * file from S3 and inform the new version, and inventory-service records the versions and counts
 * the attempts from campaign-service's job events.
 */
class BatchUpgradeIntegrationTests {

  private static final int DEVICES = 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static Platform platform;
  private static Api api;
  private static Campaigns campaigns;
  private static Api campaignService;

  @BeforeAll
  static void startPlatform() {
    platform = E2ePlatform.platform();
    api = E2ePlatform.api();
    campaigns = new Campaigns(platform, api);
    campaignService = new Api(platform.campaignServiceUrl());
  }

  @Test
  void verifiesAPackageOnTwoDevicesThenUpgradesTheWholeFleetWithABatch() {
    String product = campaigns.registeredProduct("e2e-batch-");
    String packageId = campaigns.uploadedPackage(product);
    try (Fleet fleet = campaigns.fleet(product, DEVICES, Duration.ofMillis(100))) {
      fleet.start();
      List<String> devices = fleet.deviceNames();
      campaigns.awaitInventoryVersions(product, devices, Campaigns.FROM);

      // no batch before the package proved itself on a few devices
      HttpResponse<String> early =
          campaigns.postOncePackageKnown(
              "/api/v1/packages/" + packageId + "/batches", Campaigns.batchOfAll(1000));
      assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
      assertThat(Api.json(early).path("code").asString()).isEqualTo("NOT_VERIFIED");
      assertThat(verification(packageId)).isEqualTo("UNVERIFIED");

      List<String> pilots = devices.subList(0, 2);
      HttpResponse<String> verifying =
          api.postJson(
              "/api/v1/packages/" + packageId + "/verifications",
              E2ePlatform.ADMIN,
              Api.JSON.writeValueAsString(
                  Map.of(
                      "fromVersions",
                      List.of(Campaigns.FROM),
                      "mode",
                      "PUSH",
                      "deviceNames",
                      pilots,
                      "timeoutMinutes",
                      10)));
      assertThat(verifying.statusCode()).as(verifying.body()).isEqualTo(201);
      String verificationBatch = Api.json(verifying).path("id").asString();
      assertThat(verifying.headers().firstValue("Location"))
          .hasValue("/api/v1/batches/" + verificationBatch);
      Campaigns.await(
          TIMEOUT, () -> "VERIFIED".equals(verification(packageId)), "the package to be VERIFIED");
      JsonNode verified = campaigns.awaitBatchState(verificationBatch, "COMPLETED", TIMEOUT);
      assertThat(verified.path("jobs").path("SUCCEEDED").asLong()).isEqualTo(2);

      String batchId = campaigns.createdBatch(packageId, Campaigns.batchOfAll(1000));

      JsonNode batch = campaigns.awaitBatchState(batchId, "COMPLETED", TIMEOUT);
      // the pilots run 2.0.0 already: the batch is the other eighteen
      int rest = DEVICES - pilots.size();
      assertThat(batch.path("planning").path("done").asBoolean()).isTrue();
      assertThat(batch.path("planning").path("jobs").asLong()).isEqualTo(rest);
      assertThat(batch.path("planning").path("excluded").path("ALREADY_ON_TARGET").asLong())
          .isEqualTo(pilots.size());
      assertThat(Campaigns.jobCounts(batch)).containsEntry("SUCCEEDED", (long) rest);
      assertThat(Campaigns.jobCounts(batch).values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(rest);
      List<JsonNode> jobs = campaigns.batchJobs(batchId);
      assertThat(jobs)
          .extracting(job -> job.path("deviceName").asString())
          .containsExactlyInAnyOrderElementsOf(devices.subList(pilots.size(), DEVICES));
      assertThat(jobs)
          .allSatisfy(
              job -> {
                assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
                assertThat(job.path("attempt").asInt()).isEqualTo(1);
                assertThat(job.path("currentVersion").asString()).isEqualTo(Campaigns.TARGET);
              });

      // every device: one job that succeeded, 2.0.0 in the inventory, one upgrade counted
      campaigns.awaitInventoryVersions(product, devices, Campaigns.TARGET);
      Campaigns.await(
          TIMEOUT,
          () -> campaigns.totalUpgrades(product).values().stream().allMatch(n -> n == 1),
          () -> "one upgrade counted per device; counted " + campaigns.totalUpgrades(product));
      assertThat(campaigns.totalUpgrades(product)).containsOnlyKeys(devices);
      for (String device : devices) {
        assertThat(campaigns.deviceJobs(product, device))
            .singleElement()
            .satisfies(job -> assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED"));
        assertThat(upgradeLog(product, device))
            .extracting(entry -> entry.path("kind").asString() + " " + entry.path("toVersion"))
            .contains("UPGRADE_SUCCEEDED \"2.0.0\"", "VERSION_CHANGED \"2.0.0\"");
      }
      assertThat(fleet.stats().upgradesSucceeded()).isEqualTo(DEVICES);
      assertThat(fleet.stats().upgradesFailed()).isZero();
    }
  }

  @Test
  void servesAPackagesVerificationStatusThroughTheGateway() {
    String product = campaigns.registeredProduct("e2e-verif-");
    String packageId = campaigns.uploadedPackage(product);
    String path = "/api/v1/packages/" + packageId + "/verification";
    // campaign-service learns the package from package-service's events
    Campaigns.await(
        TIMEOUT,
        () -> campaignService.get(path, null).statusCode() == 200,
        "campaign-service to know package " + packageId);

    HttpResponse<String> status = api.get(path, E2ePlatform.VIEWER);

    assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
    assertThat(Api.json(status).path("packageId").asString()).isEqualTo(packageId);
    assertThat(Api.json(status).path("status").asString()).isEqualTo("UNVERIFIED");
  }

  /**
   * The package's verification status, from campaign-service itself: the gateway has no route for
   * {@code /api/v1/packages/{id}/verification} (see {@link
   * #servesAPackagesVerificationStatusThroughTheGateway()}).
   */
  private static String verification(String packageId) {
    HttpResponse<String> response =
        campaignService.get("/api/v1/packages/" + packageId + "/verification", null);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = Api.json(response);
    assertThat(body.path("packageId").asString()).isEqualTo(packageId);
    return body.path("status").asString();
  }

  private static List<JsonNode> upgradeLog(String product, String device) {
    HttpResponse<String> response =
        api.get(
            "/api/v1/products/" + product + "/devices/" + device + "/upgrade-log?size=100",
            E2ePlatform.VIEWER);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Api.json(response).path("items").values().stream().toList();
  }
}
