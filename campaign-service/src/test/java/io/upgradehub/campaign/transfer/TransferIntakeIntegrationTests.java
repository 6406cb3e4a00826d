package io.upgradehub.campaign.transfer;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Taking in a transfer (spec §4), and every refusal of it, each of which stores nothing. */
class TransferIntakeIntegrationTests extends TransferIntegrationTest {

  @Test
  void takesInATransferAwaitingReviewWithThePackageThatReachesTheTarget() throws Exception {
    String product = uniqueKey("tr");
    product(product, "Thermostat T3", "default");
    String full = packageOf(product, "FULL", "2.0", List.of());
    String diff = packageOf(product, "DIFF", "2.0", List.of("1.0"));

    JsonNode transfer =
        created(
            """
            {"source":" partner-eu ","productKey":"%s","startVersion":"1.0","targetVersion":"2.0",
             "deviceNames":["t-1","t-2","t-3"],
             "upgrade":{"ratePerMinute":50,"retry":{"count":2,"intervalSeconds":60},
                        "timeoutMinutes":30,"mode":"PULL","abort":{"failurePercent":20,"minFinished":5}}}
            """
                .formatted(product));

    assertThat(transfer.path("id").asString()).startsWith("tr-");
    assertThat(transfer.path("status").asString()).isEqualTo("AWAITING_REVIEW");
    assertThat(transfer.path("source").asString()).isEqualTo("partner-eu");
    assertThat(transfer.path("productName").asString()).isEqualTo("Thermostat T3");
    assertThat(transfer.path("module").asString()).isEqualTo("default");
    // the DIFF package from the start version is smaller than the FULL one: it is chosen
    assertThat(transfer.path("packageId").asString()).isEqualTo(diff).isNotEqualTo(full);
    assertThat(transfer.path("devices").asLong()).isEqualTo(3);
    assertThat(transfer.path("counts").path("AWAITING_REVIEW").asLong()).isEqualTo(3);
    assertThat(transfer.path("counts").path("PENDING").asLong()).isZero();
    assertThat(transfer.path("createdBy").asString()).isEqualTo(OPERATOR);
    JsonNode upgrade = transfer.path("upgrade");
    assertThat(upgrade.path("ratePerMinute").asInt()).isEqualTo(50);
    assertThat(upgrade.path("retry").path("count").asInt()).isEqualTo(2);
    assertThat(upgrade.path("retry").path("intervalSeconds").asInt()).isEqualTo(60);
    assertThat(upgrade.path("timeoutMinutes").asInt()).isEqualTo(30);
    assertThat(upgrade.path("mode").asString()).isEqualTo("PULL");
    assertThat(upgrade.path("abort").path("failurePercent").asInt()).isEqualTo(20);

    String id = transfer.path("id").asString();
    assertThat(body(get("/api/v1/transfers/" + id))).isEqualTo(transfer);
    JsonNode devices = body(get("/api/v1/transfers/" + id + "/devices"));
    assertThat(devices.path("total").asLong()).isEqualTo(3);
    assertThat(devices.path("items").get(0).path("deviceName").asString()).isEqualTo("t-1");
    assertThat(devices.path("items").get(0).path("state").asString()).isEqualTo("AWAITING_REVIEW");
  }

  @Test
  void refusesWrongFieldsListingEach() throws Exception {
    String product = productWithPackage("tr-bad", "Bad");

    JsonNode problem =
        assertProblem(
            postAs(
                "/api/v1/transfers",
                """
                {"source":"%s","productKey":"%s","module":"no such!","startVersion":"2.0",
                 "targetVersion":"2.0","deviceNames":["ok-1",".hidden","ok-1",""],
                 "upgrade":{"ratePerMinute":0,"mode":"PIGEON"}}
                """
                    .formatted("s".repeat(129), product)),
            400,
            "VALIDATION_FAILED");

    assertThat(fieldErrors(problem))
        .containsEntry("source", "TOO_LONG")
        .containsEntry("module", "INVALID_FORMAT")
        .containsEntry("targetVersion", "SAME_AS_START")
        .containsEntry("deviceNames[1]", "INVALID_FORMAT")
        .containsEntry("deviceNames[2]", "DUPLICATE")
        .containsEntry("deviceNames[3]", "INVALID_FORMAT")
        .containsEntry("upgrade.ratePerMinute", "OUT_OF_RANGE")
        .containsEntry("upgrade.mode", "INVALID_VALUE");
    assertThat(
            fieldErrors(
                assertProblem(
                    postAs("/api/v1/transfers", "{\"productKey\":\"" + product + "\"}"),
                    400,
                    "VALIDATION_FAILED")))
        .containsEntry("source", "REQUIRED")
        .containsEntry("startVersion", "REQUIRED")
        .containsEntry("targetVersion", "REQUIRED")
        .containsEntry("deviceNames", "REQUIRED");
    assertThat(listed(product)).isZero();
  }

  @Test
  void refusesAnUnknownProductOrModule() throws Exception {
    String product = productWithPackage("tr-mod", "Known");

    assertThat(
            fieldErrors(
                assertProblem(
                    postAs(
                        "/api/v1/transfers",
                        transfer(uniqueKey("nobody"), "1.0", "2.0", List.of("d-1"))),
                    422,
                    "UNKNOWN_PRODUCT")))
        .containsEntry("productKey", "UNKNOWN");
    assertThat(
            fieldErrors(
                assertProblem(
                    postAs(
                        "/api/v1/transfers",
                        """
                        {"source":"x","productKey":"%s","module":"mcu","startVersion":"1.0",
                         "targetVersion":"2.0","deviceNames":["d-1"]}
                        """
                            .formatted(product)),
                    422,
                    "UNKNOWN_PRODUCT")))
        .containsEntry("module", "UNKNOWN");
    assertThat(listed(product)).isZero();
  }

  @Test
  void refusesATargetNoEnabledPackageReachesFromTheStart() throws Exception {
    String product = uniqueKey("tr-pkg");
    product(product, "Packages", "default");
    packageOf(product, "DIFF", "2.0", List.of("1.5"));
    disable(packageOf(product, "FULL", "3.0", List.of()));

    // no package has target 4.0; the 2.0 DIFF takes only 1.5; the 3.0 FULL is disabled
    for (String target : List.of("4.0", "2.0", "3.0")) {
      JsonNode problem =
          assertProblem(
              postAs("/api/v1/transfers", transfer(product, "1.0", target, List.of("d-1"))),
              422,
              "NO_PACKAGE");
      assertThat(fieldErrors(problem)).containsEntry("targetVersion", "NO_PACKAGE");
    }
    assertThat(listed(product)).isZero();
  }

  @Test
  void refusesDevicesInAnActiveBatch() throws Exception {
    String product = uniqueKey("tr-busy");
    product(product, "Busy", "default");
    fleet(product, "default", devices("b", 2, "1.0"));
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    HttpResponse<String> verification =
        post(
            "/api/v1/packages/" + pkg + "/verifications",
            "{\"fromVersions\":[\"1.0\"],\"deviceNames\":[\"b-1\"]}");
    assertThat(verification.statusCode()).as(verification.body()).isEqualTo(201);

    JsonNode problem =
        assertProblem(
            postAs("/api/v1/transfers", transfer(product, "1.0", "2.0", List.of("b-0", "b-1"))),
            409,
            "DEVICES_BUSY");

    assertThat(fieldErrors(problem)).containsOnlyKeys("deviceNames[1]");
    assertThat(fieldErrors(problem)).containsEntry("deviceNames[1]", "IN_BATCH");
    assertThat(listed(product)).isZero();
  }

  @Test
  void refusesDevicesInAnotherOpenTransferAndKeepsNoneOfTheRest() throws Exception {
    String product = productWithPackage("tr-twice", "Twice");
    created(transfer(product, "1.0", "2.0", List.of("x-1", "x-2")));

    JsonNode problem =
        assertProblem(
            postAs(
                "/api/v1/transfers", transfer(product, "1.0", "2.0", List.of("x-3", "x-2", "x-4"))),
            409,
            "DEVICES_BUSY");

    assertThat(fieldErrors(problem))
        .containsExactlyEntriesOf(java.util.Map.of("deviceNames[1]", "IN_TRANSFER"));
    assertThat(listed(product)).isEqualTo(1);
    // x-3 and x-4 were let go with the refused transfer: they can come in now
    created(transfer(product, "1.0", "2.0", List.of("x-3", "x-4")));
    assertThat(listed(product)).isEqualTo(2);
  }
}
