package io.upgradehub.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.upgradehub.simulator.Fleet;
import io.upgradehub.testsupport.WebhookSignatures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Upgrade task notifications end to end: a webhook created and associated through the gateway
 * receives, signed, the messages of a real batch run by simulated devices (campaign-service's
 * events on Kafka, delivered by notification-service), and its records show every delivery.
 */
class WebhookIntegrationTests {

  private static final int DEVICES = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static Api api;
  private static Campaigns campaigns;
  private WireMockServer receiver;

  @BeforeAll
  static void startPlatform() {
    api = E2ePlatform.api();
    campaigns = new Campaigns(E2ePlatform.platform(), api);
  }

  @BeforeEach
  void startReceiver() {
    receiver =
        new WireMockServer(
            WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress(E2ePlatform.WEBHOOK_RECEIVER));
    receiver.start();
    receiver.stubFor(post(urlEqualTo("/upgrades")).willReturn(aResponse().withStatus(204)));
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop();
  }

  @Test
  void aBatchRunReachesTheWebhookSignedAndRecorded() {
    String product = campaigns.registeredProduct("e2e-hook-");
    String packageId = campaigns.uploadedPackage(product);
    HttpResponse<String> created =
        api.postJson(
            "/api/v1/notifications",
            E2ePlatform.ADMIN,
            "{\"name\":\"e2e\",\"url\":\"http://%s:%d/upgrades\"}"
                .formatted(E2ePlatform.WEBHOOK_RECEIVER, receiver.port()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String notification = Api.json(created).path("id").asString();
    String token = Api.json(created).path("token").asString();
    String association =
        "{\"productKey\":\"%s\",\"packageIds\":[\"%s\"]}".formatted(product, packageId);
    // notification-service learns the package from package-service's events
    Campaigns.await(
        TIMEOUT,
        () ->
            api.postJson(
                        "/api/v1/notifications/" + notification + "/associations",
                        E2ePlatform.ADMIN,
                        association)
                    .statusCode()
                == 200,
        "the package to be associated");

    try (Fleet fleet = campaigns.fleet(product, DEVICES, Duration.ofMillis(50))) {
      fleet.start();
      campaigns.awaitInventoryVersions(product, fleet.deviceNames(), Campaigns.FROM);
      campaigns.skippedVerification(packageId);
      String batchId = campaigns.createdBatch(packageId, Campaigns.batchOfAll(1000));
      campaigns.awaitBatchState(batchId, "COMPLETED", TIMEOUT);

      Campaigns.await(
          TIMEOUT,
          () -> requests().size() >= DEVICES + 2,
          () -> "the batch's messages; received " + types());
      assertThat(types())
          .containsExactlyInAnyOrderElementsOf(
              expected(DEVICES, "device.succeeded", "batch.started", "batch.finished"));
      for (LoggedRequest request : requests()) {
        assertThat(
                WebhookSignatures.verifies(
                    request.getHeader("webhook-id"),
                    request.getHeader("webhook-timestamp"),
                    request.getHeader("webhook-signature"),
                    request.getBodyAsString(),
                    token))
            .as("signature of %s", request.getBodyAsString())
            .isTrue();
        JsonNode data = Api.JSON.readTree(request.getBodyAsString()).path("data");
        assertThat(data.path("batchId").asString()).isEqualTo(batchId);
        assertThat(data.path("packageName").asString()).isEqualTo("Firmware " + Campaigns.TARGET);
      }
      assertThat(
              requests().stream()
                  .map(r -> Api.JSON.readTree(r.getBodyAsString()).path("data"))
                  .filter(d -> d.has("deviceName"))
                  .map(d -> d.path("deviceName").asString()))
          .containsExactlyInAnyOrderElementsOf(fleet.deviceNames());

      Campaigns.await(
          TIMEOUT, () -> delivered(notification) == DEVICES + 2, "every record DELIVERED");
      HttpResponse<String> byName =
          api.get(
              "/api/v1/notifications/" + notification + "/records?packageName=firmware",
              E2ePlatform.VIEWER);
      assertThat(Api.json(byName).path("total").asInt()).isEqualTo(DEVICES + 2);
      // a viewer reads records but replays none
      String record = Api.json(byName).path("items").get(0).path("id").asString();
      assertThat(
              api.postJson(
                      "/api/v1/notifications/" + notification + "/records/" + record + "/replay",
                      E2ePlatform.VIEWER,
                      "")
                  .statusCode())
          .isEqualTo(403);
    }
  }

  private int delivered(String notification) {
    HttpResponse<String> records =
        api.get(
            "/api/v1/notifications/" + notification + "/records?status=DELIVERED&size=1",
            E2ePlatform.VIEWER);
    return Api.json(records).path("total").asInt();
  }

  private List<LoggedRequest> requests() {
    return receiver.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
  }

  private List<String> types() {
    return requests().stream()
        .map(r -> Api.JSON.readTree(r.getBodyAsString()).path("type").asString())
        .toList();
  }

  private static List<String> expected(int devices, String perDevice, String... once) {
    List<String> types = new ArrayList<>(List.of(once));
    for (int i = 0; i < devices; i++) {
      types.add(perDevice);
    }
    return types;
  }
}
