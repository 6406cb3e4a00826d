package io.upgradehub.campaign.transfer;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.campaign.batch.BatchKind;
import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.testsupport.SharedInfrastructure;
import io.upgradehub.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What accepting devices does: a {@code TRANSFER} batch with the transfer's id upgrades them, their
 * states follow their jobs, and the transfer ends once every device ended; rejected devices are
 * never registered, planned or commanded.
 */
class TransferUpgradeIntegrationTests extends TransferIntegrationTest {

  @Autowired private Transfers transfers;
  @Autowired private TransferRecount recount;

  @Test
  void acceptedDevicesFollowTheirJobsAndRejectedOnesAreNeverTouched() throws Exception {
    String product = uniqueKey("up");
    product(product, "Upgrade", "default");
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    // u-3 runs the target already: it counts as SUCCEEDED without a command
    arrivals(product, Map.of("u-1", "1.0", "u-2", "1.0", "u-3", "2.0", "u-4", "1.0"));
    String id = transferId(product, List.of("u-1", "u-2", "u-3", "u-4"));
    try (TopicReader commands =
            new TopicReader(
                SharedInfrastructure.kafka().bootstrapServers(), DeviceTopics.DEVICE_COMMANDS);
        TopicReader events =
            new TopicReader(
                SharedInfrastructure.kafka().bootstrapServers(), BatchTopics.BATCH_EVENTS)) {
      postAs("/api/v1/transfers/" + id + "/accept", "{\"deviceNames\":[\"u-1\",\"u-2\",\"u-3\"]}");
      postAs("/api/v1/transfers/" + id + "/reject", "{\"deviceNames\":[\"u-4\"]}");

      roundsUntil(
          "u-1 and u-2 upgrading", () -> counts(transfer(id)).getOrDefault("UPGRADING", 0L) == 2);
      JsonNode batch = batch(id);
      assertThat(batch.path("kind").asString()).isEqualTo(BatchKind.TRANSFER.name());
      assertThat(batch.path("packageId").asString()).isEqualTo(pkg);
      assertThat(device(id, "u-3").path("state").asString()).isEqualTo("SUCCEEDED");
      assertThat(device(id, "u-3").path("jobId").isNull()).isTrue();
      String jobId = device(id, "u-1").path("jobId").asString();
      assertThat(jobId).startsWith(id + "-");
      assertThat(arrived(product)).containsExactlyInAnyOrder("u-1", "u-2", "u-3");

      reportProgress(product, "u-1", jobId, 50, null);
      reportVersion(product, "u-1", "2.0");
      reportProgress(product, "u-2", device(id, "u-2").path("jobId").asString(), null, -3);
      roundsUntil("the transfer completes", () -> "COMPLETED".equals(status(id)));

      assertThat(counts(transfer(id)))
          .containsEntry("SUCCEEDED", 2L)
          .containsEntry("FAILED", 1L)
          .containsEntry("REJECTED", 1L)
          .containsEntry("PENDING", 0L)
          .containsEntry("UPGRADING", 0L);
      assertThat(device(id, "u-2").path("description").asString()).isNotBlank();
      roundsUntil(
          "the batch completes", () -> "COMPLETED".equals(batch(id).path("state").asString()));
      assertThat(
              commands.all(Duration.ofSeconds(3)).stream()
                  .map(ConsumerRecord::key)
                  .filter(key -> key.startsWith(product + "/")))
          .containsExactlyInAnyOrder(product + "/u-1", product + "/u-2");

      List<JsonNode> published = transferEvents(events, id, 6);
      assertThat(published)
          .extracting(e -> e.path("type").asString())
          .containsExactly(
              "transfer.decided",
              "transfer.decided",
              "transfer.device-ended",
              "transfer.device-ended",
              "transfer.device-ended",
              "transfer.ended");
      assertThat(
              published.subList(2, 5).stream()
                  .map(
                      e ->
                          e.path("data").path("deviceName").asString()
                              + "="
                              + e.path("data").path("state").asString()))
          .containsExactlyInAnyOrder("u-1=SUCCEEDED", "u-2=FAILED", "u-3=SUCCEEDED");
      JsonNode ended = published.get(5).path("data");
      assertThat(ended.path("status").asString()).isEqualTo("COMPLETED");
      assertThat(ended.path("counts").path("SUCCEEDED").asLong()).isEqualTo(2);
    }
  }

  @Test
  void devicesAcceptedLaterJoinTheSameBatch() throws Exception {
    String product = productWithPackage("later", "Later");
    arrivals(product, Map.of("l-1", "1.0", "l-2", "1.0"));
    String id = transferId(product, List.of("l-1", "l-2"));

    postAs("/api/v1/transfers/" + id + "/accept", "{\"deviceNames\":[\"l-1\"]}");
    roundsUntil("l-1 upgrading", () -> "UPGRADING".equals(state(id, "l-1")));
    reportVersion(product, "l-1", "2.0");
    roundsUntil("l-1 succeeded", () -> "SUCCEEDED".equals(state(id, "l-1")));
    // l-2 still awaits review: neither the batch nor the transfer may end
    assertThat(batch(id).path("state").asString()).isEqualTo("RUNNING");
    assertThat(status(id)).isEqualTo("IN_PROGRESS");

    postAs("/api/v1/transfers/" + id + "/accept", "{\"all\":true}");
    roundsUntil("l-2 upgrading", () -> "UPGRADING".equals(state(id, "l-2")));
    reportVersion(product, "l-2", "2.0");
    roundsUntil("the transfer completes", () -> "COMPLETED".equals(status(id)));
    assertThat(batch(id).path("planning").path("jobs").asLong()).isEqualTo(2);
  }

  @Test
  void plansEveryAcceptedDeviceAChunkAtATime() throws Exception {
    String product = productWithPackage("many", "Many");
    Map<String, String> fleet = devices("m", 2_500, "1.0");
    arrivals(product, fleet);
    String id = transferId(product, List.copyOf(fleet.keySet()));

    postAs("/api/v1/transfers/" + id + "/accept", "{\"all\":true}");

    roundsUntil(
        "every device planned", () -> batch(id).path("planning").path("jobs").asLong() == 2_500);
    assertThat(arrived(product)).hasSize(2_500).doesNotHaveDuplicates();
    roundsUntil("planning done", () -> batch(id).path("planning").path("done").asBoolean());
  }

  @Test
  void cancelingEndsEveryDeviceAndLetsGoOfThem() throws Exception {
    String product = productWithPackage("cancel", "Cancel");
    arrivals(product, Map.of("c-1", "1.0", "c-2", "1.0", "c-3", "1.0"));
    String id = transferId(product, List.of("c-1", "c-2", "c-3"));
    try (TopicReader events =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), BatchTopics.BATCH_EVENTS)) {
      postAs("/api/v1/transfers/" + id + "/accept", "{\"deviceNames\":[\"c-1\"]}");
      roundsUntil("c-1 upgrading", () -> "UPGRADING".equals(state(id, "c-1")));
      // the batch alone is not canceled: it would leave the transfer's other devices waiting
      assertProblem(post("/api/v1/batches/" + id + "/cancel", ""), 409, "BATCH_STATE_CONFLICT");
      assertThat(batch(id).path("state").asString()).isEqualTo("RUNNING");

      HttpResponse<String> canceled = postAs("/api/v1/transfers/" + id + "/cancel", "");
      assertThat(canceled.statusCode()).as(canceled.body()).isEqualTo(200);
      assertThat(body(canceled).path("status").asString()).isEqualTo("CANCELED");
      JsonNode cancellation = last(body(canceled).path("decisions"));
      assertThat(cancellation.path("action").asString()).isEqualTo("CANCEL");
      assertThat(cancellation.path("by").asString()).isEqualTo(OPERATOR);
      assertThat(cancellation.path("changed").asLong()).isEqualTo(2); // c-2, c-3
      roundsUntil("c-1's job canceled", () -> "CANCELED".equals(state(id, "c-1")));
      assertThat(counts(transfer(id))).containsEntry("CANCELED", 3L);
      assertThat(batch(id).path("state").asString()).isEqualTo("CANCELED");

      // again: the same answer; a decision now is refused
      HttpResponse<String> again = postAs("/api/v1/transfers/" + id + "/cancel", "");
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(body(again).path("decisions").size())
          .isEqualTo(body(canceled).path("decisions").size());
      assertProblem(
          postAs("/api/v1/transfers/" + id + "/accept", "{\"all\":true}"),
          409,
          "TRANSFER_STATE_CONFLICT");
      // its devices are free for another transfer
      created(transfer(product, "1.0", "2.0", List.of("c-1", "c-2", "c-3")));

      List<JsonNode> published = transferEvents(events, id, 3);
      assertThat(published)
          .extracting(e -> e.path("type").asString())
          .containsExactly("transfer.decided", "transfer.ended", "transfer.device-ended");
      assertThat(published.get(1).path("data").path("status").asString()).isEqualTo("CANCELED");
      assertThat(published.get(2).path("data").path("state").asString()).isEqualTo("CANCELED");
    }
  }

  @Test
  void countsAStopLeftOffAreRecountedOnceTheyStoodStill() throws Exception {
    String product = productWithPackage("heal", "Heal");
    String id = transferId(product, List.of("h-1", "h-2", "h-3"));
    postAs("/api/v1/transfers/" + id + "/accept", "{\"deviceNames\":[\"h-1\"]}");
    // a stop between a device's move and its count: the count is one off
    transfers.addCounts(
        id,
        Map.of(TransferDeviceState.PENDING, -1L, TransferDeviceState.UPGRADING, 1L),
        clock.instant());

    recount.recountAll();
    assertThat(counts(transfer(id))).containsEntry("UPGRADING", 1L); // moved just now: left alone

    clock.advance(TransferProgress.QUIET.plusSeconds(1));
    recount.recountAll();
    assertThat(counts(transfer(id)))
        .containsEntry("PENDING", 1L)
        .containsEntry("UPGRADING", 0L)
        .containsEntry("AWAITING_REVIEW", 2L);
  }

  @Test
  void aCompletedTransferCannotBeCanceled() throws Exception {
    String product = productWithPackage("done", "Done");
    String id = transferId(product, List.of("d-1"));
    postAs("/api/v1/transfers/" + id + "/reject", "{\"all\":true}");

    assertProblem(
        postAs("/api/v1/transfers/" + id + "/cancel", ""), 409, "TRANSFER_STATE_CONFLICT");
    assertThat(status(id)).isEqualTo("REJECTED");
    assertProblem(postAs("/api/v1/transfers/nobody/cancel", ""), 404, "TRANSFER_NOT_FOUND");
  }

  @Test
  void acceptingNeedsThePackageStillEnabled() throws Exception {
    String product = uniqueKey("off");
    product(product, "Off", "default");
    String pkg = packageOf(product, "FULL", "2.0", List.of());
    String id = transferId(product, List.of("o-1"));
    disable(pkg);

    assertProblem(
        postAs("/api/v1/transfers/" + id + "/accept", "{\"all\":true}"), 422, "NO_PACKAGE");
    assertThat(counts(transfer(id))).containsEntry("AWAITING_REVIEW", 1L);
    assertThat(get("/api/v1/batches/" + id).statusCode()).isEqualTo(404);
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  private JsonNode transfer(String id) throws Exception {
    return body(get("/api/v1/transfers/" + id));
  }

  private String status(String id) throws Exception {
    return transfer(id).path("status").asString();
  }

  private JsonNode device(String id, String name) throws Exception {
    JsonNode items =
        body(get("/api/v1/transfers/" + id + "/devices?deviceName=" + name)).path("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private String state(String id, String name) throws Exception {
    return device(id, name).path("state").asString();
  }

  /** The transfer's own events (its batch's, keyed alike, left out), in order. */
  private List<JsonNode> transferEvents(TopicReader events, String id, int expected) {
    List<JsonNode> found = new ArrayList<>();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (found.size() < expected && System.nanoTime() < until) {
      for (ConsumerRecord<String, String> record : events.keyed(id, 1, Duration.ofMillis(500))) {
        JsonNode event = json.readTree(record.value());
        if (event.path("type").asString().startsWith("transfer.")) {
          found.add(event);
        }
      }
    }
    return found;
  }
}
