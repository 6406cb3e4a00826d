package io.upgradehub.campaign.transfer;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Accepting and rejecting a transfer's devices, and finding transfers and their devices. */
class TransferReviewIntegrationTests extends TransferIntegrationTest {

  private static final List<String> SIX = List.of("r-0", "r-1", "r-2", "r-3", "r-4", "r-5");

  @Test
  void acceptsAndRejectsPartsIdempotentlyRecordingWhoDecided() throws Exception {
    String product = productWithPackage("rev", "Review");
    String id = transferId(product, SIX);
    String accept = "/api/v1/transfers/" + id + "/accept";
    String reject = "/api/v1/transfers/" + id + "/reject";

    JsonNode accepted = body(postAs(accept, "{\"deviceNames\":[\"r-0\",\"r-1\"]}"));
    assertThat(accepted.path("status").asString()).isEqualTo("IN_PROGRESS");
    assertThat(counts(accepted)).containsEntry("PENDING", 2L).containsEntry("AWAITING_REVIEW", 4L);
    // the same again changes nothing and records no second decision
    JsonNode again = body(postAs(accept, "{\"deviceNames\":[\"r-1\",\"r-0\"]}"));
    assertThat(counts(again)).isEqualTo(counts(accepted));
    assertThat(again.path("decisions")).hasSize(1);
    JsonNode decision = again.path("decisions").get(0);
    assertThat(decision.path("action").asString()).isEqualTo("ACCEPT");
    assertThat(decision.path("changed").asLong()).isEqualTo(2);
    assertThat(decision.path("by").asString()).isEqualTo(OPERATOR);
    assertThat(decision.path("at").asString()).isNotBlank();

    JsonNode rejected = body(postAs(reject, "{\"deviceNames\":[\"r-2\"]}"));
    assertThat(counts(rejected)).containsEntry("REJECTED", 1L).containsEntry("AWAITING_REVIEW", 3L);

    // the other way round is a conflict, and changes nothing
    assertThat(
            fieldErrors(
                assertProblem(
                    postAs(accept, "{\"deviceNames\":[\"r-3\",\"r-2\"]}"),
                    409,
                    "DECISION_CONFLICT")))
        .isEqualTo(Map.of("deviceNames[1]", "REJECTED"));
    assertThat(
            fieldErrors(
                assertProblem(
                    postAs(reject, "{\"deviceNames\":[\"r-0\"]}"), 409, "DECISION_CONFLICT")))
        .isEqualTo(Map.of("deviceNames[0]", "PENDING"));
    assertThat(
            fieldErrors(
                assertProblem(
                    postAs(accept, "{\"deviceNames\":[\"r-3\",\"nobody\"]}"),
                    422,
                    "UNKNOWN_DEVICES")))
        .isEqualTo(Map.of("deviceNames[1]", "UNKNOWN"));
    assertThat(counts(body(get("/api/v1/transfers/" + id)))).isEqualTo(counts(rejected));

    // all: every device still awaiting review, the decided ones untouched
    JsonNode all = body(postAs(reject, "{\"all\":true}"));
    assertThat(counts(all))
        .containsEntry("PENDING", 2L)
        .containsEntry("REJECTED", 4L)
        .containsEntry("AWAITING_REVIEW", 0L);
    assertThat(all.path("status").asString()).isEqualTo("IN_PROGRESS");
    assertThat(all.path("decisions")).hasSize(3);
    assertThat(all.path("decisions").get(2).path("all").asBoolean()).isTrue();
    assertThat(all.path("decisions").get(2).path("changed").asLong()).isEqualTo(3);

    JsonNode r0 = body(get("/api/v1/transfers/" + id + "/devices?deviceName=r-0")).path("items");
    assertThat(r0).hasSize(1);
    assertThat(r0.get(0).path("state").asString()).isEqualTo("PENDING");
    assertThat(r0.get(0).path("decidedBy").asString()).isEqualTo(OPERATOR);
    assertThat(r0.get(0).path("decidedAt").asString()).isNotBlank();
    JsonNode pending = body(get("/api/v1/transfers/" + id + "/devices?state=PENDING"));
    assertThat(pending.path("total").asLong()).isEqualTo(2);
    // a rejected device is free to come in with another transfer; an accepted one is not
    created(transfer(product, "1.0", "2.0", List.of("r-2")));
    assertProblem(
        postAs("/api/v1/transfers", transfer(product, "1.0", "2.0", List.of("r-0"))),
        409,
        "DEVICES_BUSY");
  }

  @Test
  void aTransferWhoseEveryDeviceIsRejectedIsRejected() throws Exception {
    String product = productWithPackage("rev-all", "Review all");
    String id = transferId(product, SIX);

    JsonNode rejected = body(postAs("/api/v1/transfers/" + id + "/reject", "{\"all\":true}"));

    assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
    assertThat(counts(rejected)).containsEntry("REJECTED", 6L);
    assertThat(
            body(get("/api/v1/transfers?status=REJECTED&productKey=" + product))
                .path("total")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void refusesAMalformedDecisionOrAnUnknownTransfer() throws Exception {
    String product = productWithPackage("rev-bad", "Review bad");
    String id = transferId(product, SIX);
    String accept = "/api/v1/transfers/" + id + "/accept";

    assertThat(fieldErrors(assertProblem(postAs(accept, "{}"), 400, "VALIDATION_FAILED")))
        .containsEntry("deviceNames", "REQUIRED");
    assertThat(
            fieldErrors(
                assertProblem(
                    postAs(accept, "{\"all\":true,\"deviceNames\":[\"r-0\"]}"),
                    400,
                    "VALIDATION_FAILED")))
        .containsEntry("deviceNames", "NOT_ALLOWED");
    assertThat(
            fieldErrors(
                assertProblem(
                    postAs(accept, "{\"deviceNames\":[\"../x\"]}"), 400, "VALIDATION_FAILED")))
        .containsEntry("deviceNames[0]", "INVALID_FORMAT");
    assertProblem(
        postAs("/api/v1/transfers/tr-nothere/accept", "{\"all\":true}"), 404, "TRANSFER_NOT_FOUND");
    assertProblem(get("/api/v1/transfers/tr-nothere"), 404, "TRANSFER_NOT_FOUND");
    assertThat(counts(body(get("/api/v1/transfers/" + id)))).containsEntry("AWAITING_REVIEW", 6L);
  }

  @Test
  void listsTransfersByStatusProductNameAndProductKey() throws Exception {
    String product = uniqueKey("list");
    String name = "Lamp " + product;
    product(product, name, "default");
    packageOf(product, "FULL", "2.0", List.of());
    String first = transferId(product, List.of("l-1"));
    clock.advance(java.time.Duration.ofSeconds(1));
    String second = transferId(product, List.of("l-2"));
    postAs("/api/v1/transfers/" + first + "/accept", "{\"all\":true}");

    JsonNode byKey = body(get("/api/v1/transfers?productKey=" + product));
    assertThat(byKey.path("total").asLong()).isEqualTo(2);
    // newest first
    assertThat(byKey.path("items").get(0).path("id").asString()).isEqualTo(second);
    JsonNode byName =
        body(get("/api/v1/transfers?productName=" + name.toUpperCase().replace(' ', '+')));
    assertThat(byName.path("items").valueStream().map(t -> t.path("id").asString()))
        .containsExactly(second, first);
    JsonNode inProgress = body(get("/api/v1/transfers?status=in_progress&productKey=" + product));
    assertThat(inProgress.path("items").valueStream().map(t -> t.path("id").asString()))
        .containsExactly(first);
    JsonNode page = body(get("/api/v1/transfers?productKey=" + product + "&page=1&size=1"));
    assertThat(page.path("items").get(0).path("id").asString()).isEqualTo(first);
    assertThat(
            fieldErrors(
                assertProblem(get("/api/v1/transfers?status=DONE"), 400, "INVALID_PARAMETER")))
        .containsEntry("status", "INVALID_VALUE");
    assertThat(
            fieldErrors(
                assertProblem(
                    get("/api/v1/transfers/" + first + "/devices?state=LOST"),
                    400,
                    "INVALID_PARAMETER")))
        .containsEntry("state", "INVALID_VALUE");
  }
}
