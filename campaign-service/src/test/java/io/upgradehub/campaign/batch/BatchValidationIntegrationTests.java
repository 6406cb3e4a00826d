package io.upgradehub.campaign.batch;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.CampaignServiceIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every field of a batch request is checked on the server, and a refused request creates nothing.
 */
class BatchValidationIntegrationTests extends CampaignServiceIntegrationTest {

  private String product;
  private String full;
  private String diff;

  @BeforeEach
  void packages() throws Exception {
    product = uniqueKey("valid");
    fleet(product, "default", devices("d", 3, "1.0"));
    full = packageOf(product, "FULL", "2.0", List.of());
    diff = packageOf(product, "DIFF", "3.0", List.of("1.0", "1.1"));
    post("/api/v1/packages/" + full + "/verifications/skip", "");
    post("/api/v1/packages/" + diff + "/verifications/skip", "");
  }

  private JsonNode refused(String packageId, String body, int status, String code)
      throws Exception {
    JsonNode problem =
        assertProblem(post("/api/v1/packages/" + packageId + "/batches", body), status, code);
    assertThat(body(get("/api/v1/packages/" + packageId + "/batches")).path("total").asLong())
        .as("nothing created")
        .isZero();
    return problem;
  }

  @Test
  void namesEveryInvalidFieldAtOnce() throws Exception {
    JsonNode problem =
        refused(
            full,
            """
            {"fromVersions":["1.0","bad version!"],"strategy":"SOMETIMES",
             "scope":{"type":"SHARE","percent":150},
             "schedule":{"startAt":"tomorrow","endAt":"2020-01-01T00:00:00Z"},
             "ratePerMinute":-5,"retry":{"count":9,"intervalSeconds":1},
             "timeoutMinutes":1441,"mode":"CARRIER_PIGEON",
             "abort":{"failurePercent":0,"minFinished":0}}
            """,
            400,
            "VALIDATION_FAILED");

    assertThat(fieldErrors(problem))
        .containsEntry("fromVersions[1]", "INVALID_FORMAT")
        .containsEntry("strategy", "INVALID_VALUE")
        .containsEntry("scope.percent", "OUT_OF_RANGE")
        .containsEntry("schedule.startAt", "INVALID_FORMAT")
        .containsEntry("schedule.endAt", "IN_THE_PAST")
        .containsEntry("ratePerMinute", "OUT_OF_RANGE")
        .containsEntry("retry.count", "OUT_OF_RANGE")
        .containsEntry("retry.intervalSeconds", "OUT_OF_RANGE")
        .containsEntry("timeoutMinutes", "OUT_OF_RANGE")
        .containsEntry("mode", "INVALID_VALUE")
        .containsEntry("abort.failurePercent", "OUT_OF_RANGE")
        .containsEntry("abort.minFinished", "OUT_OF_RANGE");
  }

  @Test
  void requiresFromVersionsAndAScope() throws Exception {
    JsonNode problem = refused(full, "{}", 400, "VALIDATION_FAILED");

    assertThat(fieldErrors(problem))
        .containsEntry("fromVersions", "REQUIRED")
        .containsEntry("scope", "REQUIRED");
  }

  @Test
  void refusesAnEndBeforeTheStart() throws Exception {
    JsonNode problem =
        refused(
            full,
            """
            {"fromVersions":["1.0"],"scope":{"type":"ALL"},
             "schedule":{"startAt":"2099-01-02T00:00:00Z","endAt":"2099-01-01T00:00:00Z"}}
            """,
            400,
            "VALIDATION_FAILED");

    assertThat(fieldErrors(problem)).containsEntry("schedule.endAt", "BEFORE_START");
  }

  @Test
  void refusesScopeFieldsThatDoNotBelongAndMissingOnes() throws Exception {
    JsonNode problem =
        refused(
            full,
            """
            {"fromVersions":["1.0"],"scope":{"type":"GROUP","deviceNames":["d-0"],"percent":5}}
            """,
            400,
            "VALIDATION_FAILED");

    assertThat(fieldErrors(problem))
        .containsEntry("scope.deviceNames", "NOT_ALLOWED")
        .containsEntry("scope.percent", "NOT_ALLOWED")
        .containsEntry("scope.tag", "REQUIRED");
  }

  @Test
  void refusesFromVersionsThatDoNotFitADiffPackage() throws Exception {
    JsonNode problem =
        refused(
            diff,
            """
            {"fromVersions":["1.0","0.9"],"scope":{"type":"ALL"}}
            """,
            422,
            "FROM_VERSIONS_NOT_ALLOWED");

    assertThat(fieldErrors(problem)).containsOnlyKeys("fromVersions[1]");
    assertThat(fieldErrors(problem)).containsEntry("fromVersions[1]", "NOT_IN_PACKAGE");
  }

  @Test
  void refusesTheTargetAsAFromVersion() throws Exception {
    JsonNode problem =
        refused(
            full,
            """
            {"fromVersions":["2.0"],"scope":{"type":"ALL"}}
            """,
            422,
            "FROM_VERSIONS_NOT_ALLOWED");

    assertThat(fieldErrors(problem)).containsEntry("fromVersions[0]", "IS_TARGET");
  }

  @Test
  void refusesUnknownDevicesOfADeviceList() throws Exception {
    JsonNode problem =
        refused(
            full,
            """
            {"fromVersions":["1.0"],"scope":{"type":"DEVICES","deviceNames":["d-1","ghost"]}}
            """,
            422,
            "UNKNOWN_DEVICES");

    assertThat(fieldErrors(problem)).containsOnlyKeys("scope.deviceNames[1]");
  }

  @Test
  void refusesAWrongTypeWithTheFieldNamed() throws Exception {
    JsonNode problem =
        refused(
            full,
            """
            {"fromVersions":["1.0"],"scope":{"type":"ALL"},"ratePerMinute":"fast"}
            """,
            400,
            "MALFORMED_REQUEST");

    assertThat(fieldErrors(problem)).containsKey("ratePerMinute");
  }

  @Test
  void answersAnUnknownPackageWith404() throws Exception {
    assertProblem(
        post(
            "/api/v1/packages/no-such-package/batches",
            "{\"fromVersions\":[\"1.0\"],\"scope\":{\"type\":\"ALL\"}}"),
        404,
        "PACKAGE_NOT_FOUND");
  }
}
