package io.upgradehub.campaign.transfer;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.batch.NotificationMode;
import io.upgradehub.campaign.batch.UpgradeSettings;
import io.upgradehub.campaign.job.RetryPolicy;
import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.testsupport.SharedInfrastructure;
import io.upgradehub.testsupport.TopicReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A transfer's devices sent as CSV, and what an instance that stopped midway leaves: an intake
 * never finished, a decision whose devices moved but that was never recorded.
 */
class TransferCsvAndRecoveryIntegrationTests extends TransferIntegrationTest {

  @Autowired private Transfers transfers;
  @Autowired private TransferDevices transferDevices;
  @Autowired private AbandonedIntakes abandoned;
  @Autowired private UnfinishedDecisions unfinished;

  private HttpResponse<String> postCsv(String query, String csv) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/v1/transfers?" + query))
            .header("Content-Type", "text/csv")
            .header(TransferController.PRINCIPAL, OPERATOR)
            .POST(HttpRequest.BodyPublishers.ofString(csv))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void takesInDeviceNamesFromACsvBody() throws Exception {
    String product = productWithPackage("csv", "Csv");
    String query = "source=line-4&productKey=" + product + "&startVersion=1.0&targetVersion=2.0";

    HttpResponse<String> created =
        postCsv(
            query + "&retryCount=1&mode=pull",
            "\uFEFFdeviceName,default\r\n c-1 ,1.0\r\n\r\n\"c-2\",1.0\r\nc-3\r\n");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode transfer = body(created);
    assertThat(transfer.path("devices").asLong()).isEqualTo(3);
    assertThat(transfer.path("source").asString()).isEqualTo("line-4");
    assertThat(transfer.path("upgrade").path("retry").path("count").asInt()).isEqualTo(1);
    assertThat(transfer.path("upgrade").path("mode").asString()).isEqualTo("PULL");
    JsonNode devices =
        body(get("/api/v1/transfers/" + transfer.path("id").asString() + "/devices"));
    assertThat(devices.path("items").valueStream().map(d -> d.path("deviceName").asString()))
        .containsExactly("c-1", "c-2", "c-3");

    assertThat(fieldErrors(assertProblem(postCsv(query, "name\nc-9\n"), 400, "VALIDATION_FAILED")))
        .containsEntry("body", "INVALID_HEADER");
    assertThat(
            fieldErrors(
                assertProblem(
                    postCsv(query, "deviceName\nc-8\nnot a name\nc-8\n"),
                    400,
                    "VALIDATION_FAILED")))
        .isEqualTo(Map.of("deviceNames[1]", "INVALID_FORMAT", "deviceNames[2]", "DUPLICATE"));
    assertThat(listed(product)).isEqualTo(1);
    // a byte order mark before a quoted header
    HttpResponse<String> quoted = postCsv(query, "\uFEFF\"deviceName\"\nq-1\n");
    assertThat(quoted.statusCode()).as(quoted.body()).isEqualTo(201);
  }

  @Test
  void removesAnIntakeNeverFinishedAndFreesItsDevices() throws Exception {
    String product = productWithPackage("dead", "Dead");
    Instant now = clock.instant();
    // an instance stopped while storing these devices, two hours ago; another is storing now
    String dead = receiving(product, now.minus(Duration.ofHours(2)), "z-1");
    String alive = receiving(product, now.minusSeconds(5), "z-2");

    assertThat(abandoned.clean()).isEqualTo(1);

    assertThat(transferDevices.count(dead, null, null)).isZero();
    assertThat(transferDevices.count(alive, null, null)).isEqualTo(1);
    created(transfer(product, "1.0", "2.0", List.of("z-1")));
    assertProblem(
        postAs("/api/v1/transfers", transfer(product, "1.0", "2.0", List.of("z-2"))),
        409,
        "DEVICES_BUSY");
  }

  @Test
  void finishesADecisionAStopLeftMidwayAndTakesDecisionsAgain() throws Exception {
    String product = productWithPackage("midway", "Midway");
    String id = transferId(product, List.of("u-1", "u-2", "u-3"));
    String accept = "/api/v1/transfers/" + id + "/accept";
    PendingDecision pending =
        new PendingDecision(
            "decision-1",
            "ACCEPT",
            false,
            2,
            OPERATOR,
            clock.instant().minus(Duration.ofMinutes(2)));
    assertThat(transfers.beginDecision(id, pending)).isTrue();
    assertThat(
            transferDevices.decide(id, List.of("u-1", "u-2"), TransferDeviceState.PENDING, pending))
        .isEqualTo(2);
    // the instance stopped here: the decision is neither recorded nor published, and holds the
    // transfer against another one
    assertProblem(postAs(accept, "{\"deviceNames\":[\"u-3\"]}"), 409, "TRANSFER_STATE_CONFLICT");
    assertThat(body(get("/api/v1/transfers/" + id)).path("decisions")).isEmpty();

    try (TopicReader events =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), BatchTopics.BATCH_EVENTS)) {
      assertThat(unfinished.finish()).isEqualTo(1);

      JsonNode transfer = body(get("/api/v1/transfers/" + id));
      assertThat(transfer.path("counts").path("PENDING").asLong()).isEqualTo(2);
      assertThat(transfer.path("status").asString()).isEqualTo("IN_PROGRESS");
      assertThat(transfer.path("decisions")).hasSize(1);
      assertThat(transfer.path("decisions").get(0).path("changed").asLong()).isEqualTo(2);
      assertThat(transfer.path("decisions").get(0).path("by").asString()).isEqualTo(OPERATOR);
      // finishing it also opened the transfer's batch, whose events share the key
      List<JsonNode> published =
          events.keyed(id, 2, Duration.ofSeconds(20)).stream()
              .map(r -> json.readTree(r.value()))
              .filter(e -> e.path("type").asString().equals("transfer.decided"))
              .toList();
      assertThat(published).hasSize(1);
      assertThat(published.get(0).path("data").path("changed").asLong()).isEqualTo(2);
      assertThat(batch(id).path("kind").asString()).isEqualTo("TRANSFER");
    }
    assertThat(unfinished.finish()).isZero();
    JsonNode next = body(postAs(accept, "{\"deviceNames\":[\"u-3\"]}"));
    assertThat(next.path("counts").path("PENDING").asLong()).isEqualTo(3);
  }

  private String receiving(String product, Instant at, String device) {
    String id = "tr-" + uniqueKey("r");
    transfers.insertReceiving(
        new Transfer(
            id,
            "source",
            product,
            "Dead",
            "default",
            "1.0",
            "2.0",
            "pkg",
            "pkg",
            new UpgradeSettings(
                10,
                new RetryPolicy(0, Duration.ofMinutes(5), Duration.ofHours(1)),
                NotificationMode.PUSH,
                null),
            TransferStatus.AWAITING_REVIEW,
            1,
            Map.of(),
            List.of(),
            at,
            "key",
            at));
    assertThat(transferDevices.insert(id, product, List.of(device), at)).isEmpty();
    return id;
  }
}
