package io.upgradehub.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.upgradehub.notification.delivery.Receiver.assertVerifies;
import static io.upgradehub.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.notification.NotificationServiceIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Delivery to receivers (WireMock at 127.0.0.2) of the messages that batch and job events on a real
 * Kafka make: signed, retried on the schedule, disabled by 410, refused at redirects to internal
 * addresses, replayed.
 */
class DeliveryIntegrationTests extends NotificationServiceIntegrationTest {

  private Receiver receiver;
  private String productKey;

  @BeforeEach
  void receiver() {
    receiver = new Receiver();
    receiver.server.stubFor(
        WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
    productKey = unique("cam");
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @Test
  void aBatchRunProducesItsMessagesSignedWithTheToken() throws Exception {
    Subscription s = subscribe(receiver.url("/hook"), null);
    String batchId = unique("b");
    Instant t = Instant.now();

    events().batch(batchId, s.packageId, BatchState.RUNNING, null, false, t);
    events().job(batchId, s.packageId, "dev-1", JobState.SUCCEEDED, 1, t.plusMillis(1));
    events().job(batchId, s.packageId, "dev-2", JobState.FAILED, 1, t.plusMillis(2));
    events().job(batchId, s.packageId, "dev-2", JobState.QUEUED, 2, t.plusMillis(3));
    events().job(batchId, s.packageId, "dev-2", JobState.SUCCEEDED, 2, t.plusMillis(4));
    events()
        .batch(
            batchId, s.packageId, BatchState.COMPLETED, BatchState.RUNNING, false, t.plusMillis(5));

    await("5 messages", () -> receiver.requests().size() == 5);
    List<String> types = new ArrayList<>();
    for (LoggedRequest request : receiver.requests()) {
      assertVerifies(request, s.token);
      JsonNode message = json.readTree(request.getBodyAsString());
      types.add(message.path("type").asString());
      assertThat(message.path("data").path("batchId").asString()).isEqualTo(batchId);
      assertThat(message.path("data").path("packageName").asString())
          .isEqualTo("Camera firmware 2.0");
      assertThat(request.getHeader("Content-Type")).startsWith("application/json");
      assertThat(request.getHeader("webhook-id")).startsWith("msg_");
    }
    // attempts run side by side, so the order of arrival is not the order of events
    // (docs/webhooks.md)
    assertThat(types)
        .containsExactlyInAnyOrder(
            "batch.started",
            "device.succeeded",
            "device.failed",
            "device.succeeded",
            "batch.finished");
    JsonNode failed =
        receiver.requests().stream()
            .map(r -> json.readTree(r.getBodyAsString()))
            .filter(m -> m.path("type").asString().equals("device.failed"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.path("data").path("deviceName").asString()).isEqualTo("dev-2");
    assertThat(failed.path("data").path("failureCode").asInt()).isEqualTo(-3);

    // the outcome is stored once the receiver's answer is in
    await("5 delivered", () -> records(s.id, "&status=DELIVERED").path("total").asInt() == 5);
    JsonNode records = records(s.id, "");
    assertThat(records.path("total").asInt()).isEqualTo(5);
    records
        .path("items")
        .forEach(
            r -> {
              assertThat(r.path("status").asString()).isEqualTo("DELIVERED");
              assertThat(r.path("attempts").asInt()).isEqualTo(1);
              assertThat(r.path("lastStatusCode").asInt()).isEqualTo(204);
              assertThat(r.path("batchId").asString()).isEqualTo(batchId);
              assertThat(r.path("lastPushAt").asString()).isNotBlank();
            });
    String metrics = get("/actuator/prometheus").body();
    assertThat(metrics)
        .contains(
            "upgradehub_notifications_attempts_total{application=\"notification-service\",outcome=\"delivered\"}")
        .contains("upgradehub_notifications_attempt_duration_seconds_count")
        .contains("upgradehub_notifications_lanes_busy")
        .containsPattern(
            "resilience4j_circuitbreaker_state\\{[^}]*name=\"" + s.id + "\",state=\"closed\"\\} 1");
  }

  @Test
  void aRepeatedEventIsOneRecordAndOneMessage() throws Exception {
    Subscription s = subscribe(receiver.url("/hook"), null);
    String batchId = unique("b");
    Instant at = Instant.now();

    // the same job attempt's end published twice, under two event ids (a producer's retry)
    events().job(batchId, s.packageId, "dev-1", JobState.SUCCEEDED, 1, at);
    events().job(batchId, s.packageId, "dev-1", JobState.SUCCEEDED, 1, at);
    events().batch(batchId, s.packageId, BatchState.COMPLETED, BatchState.RUNNING, false, at);

    await("batch.finished", () -> types(receiver).contains("batch.finished"));
    await("the records", () -> records(s.id, "").path("total").asInt() == 2);
    assertThat(types(receiver)).containsExactlyInAnyOrder("device.succeeded", "batch.finished");
  }

  @Test
  void skipsAnEventItCannotReadAndDeliversTheNext() throws Exception {
    Subscription s = subscribe(receiver.url("/hook"), null);

    events().raw("upgradehub.job-events", "cam/dev-0", "{not json");
    events()
        .raw(
            "upgradehub.job-events",
            "cam/dev-0",
            "{\"id\":\"e1\",\"type\":\"job.state-changed\",\"data\":{\"state\":\"EXPLODED\"}}");
    // the same device, so the same partition: read after the two it follows
    events().job(unique("b"), s.packageId, "dev-0", JobState.SUCCEEDED, 1, Instant.now());

    await("the readable event's message", () -> receiver.requests().size() == 1);
    assertThat(get("/actuator/prometheus").body())
        .contains(
            "upgradehub_notifications_events_skipped_total{application=\"notification-service\",reason=\"unreadable\"}");
  }

  @Test
  void sendsOnlyTheMessageTypesANotificationWantsAndOnlyForItsPackages() throws Exception {
    Subscription s =
        subscribe(receiver.url("/hook"), "[\"batch.finished\",\"batch.paused-by-abort-rule\"]");
    String other = knownPackage(productKey, "another package");
    String batchId = unique("b");
    Instant t = Instant.now();

    events().batch(batchId, s.packageId, BatchState.RUNNING, null, false, t);
    events().job(batchId, s.packageId, "dev-1", JobState.SUCCEEDED, 1, t);
    events()
        .batch(batchId, s.packageId, BatchState.PAUSED, BatchState.RUNNING, true, t.plusMillis(1));
    events()
        .batch(batchId, other, BatchState.COMPLETED, BatchState.RUNNING, false, t.plusMillis(2));
    events()
        .batch(
            batchId, s.packageId, BatchState.COMPLETED, BatchState.PAUSED, false, t.plusMillis(3));

    await("batch.finished", () -> types(receiver).contains("batch.finished"));
    assertThat(types(receiver)).containsExactly("batch.paused-by-abort-rule", "batch.finished");
  }

  @Test
  void deliversATransferDecisionToTheNotificationsOfItsPackage() throws Exception {
    Subscription s = subscribe(receiver.url("/hook"), "[\"transfer.accepted\"]");
    String transferId = unique("tr");
    Instant t = Instant.now();

    events().transfer(transferId, s.packageId, "REJECT", t);
    events().transfer(transferId, s.packageId, "ACCEPT", t.plusMillis(1));
    events().transfer(transferId, s.packageId, "ACCEPT", t.plusMillis(1));

    await("transfer.accepted", () -> types(receiver).contains("transfer.accepted"));
    LoggedRequest request = receiver.requests().get(0);
    Receiver.assertVerifies(request, s.token);
    JsonNode data = json.readTree(request.getBodyAsString()).path("data");
    assertThat(data.path("transferId").asString()).isEqualTo(transferId);
    assertThat(data.path("changed").asLong()).isEqualTo(2);
    assertThat(data.path("counts").path("PENDING").asLong()).isEqualTo(2);
    assertThat(data.path("by").asString()).isEqualTo("ops-key");
    assertThat(data.path("packageName").asString()).isEqualTo("Camera firmware 2.0");
    // one record, the transfer as its batch
    JsonNode record = onlyRecord(s.id);
    assertThat(record.path("messageType").asString()).isEqualTo("transfer.accepted");
    assertThat(record.path("batchId").asString()).isEqualTo(transferId);
    assertThat(types(receiver)).containsExactly("transfer.accepted");
  }

  @Test
  void deliversTheEndsOfATransferAndOfItsDevicesOnceEach() throws Exception {
    Subscription s =
        subscribe(
            receiver.url("/hook"),
            "[\"transfer.device-succeeded\",\"transfer.device-failed\",\"transfer.completed\"]");
    String transferId = unique("tr");
    Instant t = Instant.now();

    events().transferDevice(transferId, s.packageId, "d-1", "SUCCEEDED", t);
    events().transferDevice(transferId, s.packageId, "d-2", "FAILED", t.plusMillis(1));
    events().transferDevice(transferId, s.packageId, "d-2", "FAILED", t.plusMillis(1));
    events().transferEnded(transferId, s.packageId, "COMPLETED", t.plusMillis(2));

    await("transfer.completed", () -> types(receiver).contains("transfer.completed"));
    assertThat(types(receiver))
        .containsExactly(
            "transfer.device-succeeded", "transfer.device-failed", "transfer.completed");
    JsonNode failed = json.readTree(receiver.requests().get(1).getBodyAsString()).path("data");
    assertThat(failed.path("deviceName").asString()).isEqualTo("d-2");
    assertThat(failed.path("description").asString()).isEqualTo("install failed");
    JsonNode completed = json.readTree(receiver.requests().get(2).getBodyAsString()).path("data");
    assertThat(completed.path("status").asString()).isEqualTo("COMPLETED");
    assertThat(completed.path("counts").path("FAILED").asLong()).isEqualTo(1);
    Receiver.assertVerifies(receiver.requests().get(2), s.token);
  }

  @Test
  void deliversOnRetryWhenTheReceiverFailsFirst() throws Exception {
    receiver.server.resetAll();
    receiver.server.stubFor(
        WireMock.post(urlEqualTo("/hook"))
            .inScenario("flaky")
            .whenScenarioStateIs(STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("up"));
    receiver.server.stubFor(
        WireMock.post(urlEqualTo("/hook"))
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(aResponse().withStatus(200)));
    Subscription s = subscribe(receiver.url("/hook"), null);

    events().job(unique("b"), s.packageId, "dev-1", JobState.SUCCEEDED, 1, Instant.now());

    await("delivered", () -> "DELIVERED".equals(onlyRecord(s.id).path("status").asString()));
    JsonNode record = onlyRecord(s.id);
    assertThat(record.path("attempts").asInt()).isEqualTo(2);
    assertThat(record.path("lastStatusCode").asInt()).isEqualTo(200);
    List<LoggedRequest> requests = receiver.requests();
    assertThat(requests).hasSize(2);
    // one message: the retry carries the same id and body
    assertThat(requests.get(1).getHeader("webhook-id"))
        .isEqualTo(requests.get(0).getHeader("webhook-id"));
    assertThat(requests.get(1).getBodyAsString()).isEqualTo(requests.get(0).getBodyAsString());
    assertVerifies(requests.get(1), s.token);
  }

  @Test
  void marksARecordDeadAfterTheLastAttemptAndReplaysIt() throws Exception {
    receiver.server.resetAll();
    receiver.server.stubFor(
        WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(503)));
    Subscription s = subscribe(receiver.url("/hook"), null);

    events().job(unique("b"), s.packageId, "dev-1", JobState.FAILED, 1, Instant.now());

    await("dead", () -> "DEAD".equals(onlyRecord(s.id).path("status").asString()));
    JsonNode dead = onlyRecord(s.id);
    assertThat(dead.path("attempts").asInt()).isEqualTo(3);
    assertThat(dead.path("lastStatusCode").asInt()).isEqualTo(503);
    assertThat(dead.path("lastError").asString()).isEqualTo("HTTP 503");
    assertThat(receiver.requests()).hasSize(3);

    receiver.server.resetAll();
    receiver.server.stubFor(
        WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    String recordId = dead.path("id").asString();
    var replayed = post("/api/v1/notifications/" + s.id + "/records/" + recordId + "/replay", "");

    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
    await("delivered again", () -> "DELIVERED".equals(onlyRecord(s.id).path("status").asString()));
    assertThat(onlyRecord(s.id).path("replays").asInt()).isEqualTo(1);
    assertThat(receiver.requests())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getHeader("webhook-id")).isEqualTo(recordId);
              assertVerifies(r, s.token);
            });
    assertProblem(
        post("/api/v1/notifications/" + s.id + "/records/msg_nope/replay", ""),
        404,
        "RECORD_NOT_FOUND");
  }

  @Test
  void disablesTheNotificationWhenTheReceiverAnswersGone() throws Exception {
    receiver.server.resetAll();
    receiver.server.stubFor(
        WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(410)));
    Subscription s = subscribe(receiver.url("/hook"), null);
    String batchId = unique("b");

    events().job(batchId, s.packageId, "dev-1", JobState.SUCCEEDED, 1, Instant.now());

    await(
        "disabled", () -> !body(get("/api/v1/notifications/" + s.id)).path("enabled").asBoolean());
    JsonNode notification = body(get("/api/v1/notifications/" + s.id));
    assertThat(notification.path("disabledReason").asString()).contains("410");
    await("record failed", () -> "FAILED".equals(onlyRecord(s.id).path("status").asString()));
    JsonNode record = onlyRecord(s.id);
    assertThat(record.path("attempts").asInt()).isEqualTo(1);
    assertProblem(
        post(
            "/api/v1/notifications/"
                + s.id
                + "/records/"
                + record.path("id").asString()
                + "/replay",
            ""),
        409,
        "NOTIFICATION_DISABLED");

    // a disabled notification gets no records; the marker event shows the listener went past them
    events().job(batchId, s.packageId, "dev-2", JobState.SUCCEEDED, 1, Instant.now());
    Subscription marker = subscribe(receiver.url("/marker"), null, s.packageId);
    events().job(batchId, s.packageId, "dev-3", JobState.SUCCEEDED, 1, Instant.now());
    await("marker recorded", () -> records(marker.id, "").path("total").asInt() >= 1);
    assertThat(records(s.id, "").path("total").asInt()).isEqualTo(1);
    assertThat(receiver.requests("/hook")).hasSize(1);
  }

  @Test
  void aReceiverThatDoesNotAnswerHoldsBackNoOther() throws Exception {
    try (Receiver slow = new Receiver()) {
      slow.server.stubFor(
          WireMock.post(urlEqualTo("/hook"))
              .willReturn(aResponse().withStatus(200).withFixedDelay(20_000)));
      Subscription stuck = subscribe(slow.url("/hook"), null);
      Subscription healthy = subscribe(receiver.url("/hook"), null, stuck.packageId);
      String batchId = unique("b");

      for (int i = 0; i < 40; i++) {
        events().job(batchId, stuck.packageId, "dev-" + i, JobState.SUCCEEDED, 1, Instant.now());
      }

      await("the healthy receiver has all 40", () -> receiver.requests().size() == 40);
      // every attempt to the stuck receiver is still waiting for its answer (5 s timeout): the
      // healthy receiver's messages did not wait for them
      JsonNode stuckRecords = records(stuck.id, "");
      assertThat(stuckRecords.path("total").asInt()).isEqualTo(40);
      stuckRecords.path("items").forEach(r -> assertThat(r.path("attempts").asInt()).isZero());
      assertThat(slow.requests()).hasSizeLessThanOrEqualTo(16);
    }
  }

  @Test
  void refusesARedirectToAnInternalAddress() throws Exception {
    receiver.server.resetAll();
    receiver.server.stubFor(
        WireMock.post(urlEqualTo("/hook"))
            .willReturn(
                aResponse().withStatus(307).withHeader("Location", "http://10.0.0.1/steal")));
    receiver.server.stubFor(
        WireMock.post(urlEqualTo("/moved"))
            .willReturn(
                aResponse()
                    .withStatus(308)
                    .withHeader("Location", "http://127.0.0.1:" + port + "/api/v1/notifications")));
    Subscription direct = subscribe(receiver.url("/hook"), null);
    Subscription viaLoopback = subscribe(receiver.url("/moved"), null, direct.packageId);

    events().job(unique("b"), direct.packageId, "dev-1", JobState.SUCCEEDED, 1, Instant.now());

    for (Subscription s : List.of(direct, viaLoopback)) {
      await("refused", () -> "FAILED".equals(onlyRecord(s.id).path("status").asString()));
      assertThat(onlyRecord(s.id).path("lastError").asString())
          .contains("refused")
          .contains("internal address");
    }
  }

  @Test
  void listsRecordsByPackageNameStatusAndType() throws Exception {
    Subscription s = subscribe(receiver.url("/hook"), null);
    String batchId = unique("b");

    events().job(batchId, s.packageId, "dev-1", JobState.SUCCEEDED, 1, Instant.now());
    events()
        .batch(batchId, s.packageId, BatchState.CANCELED, BatchState.RUNNING, false, Instant.now());
    await("2 delivered", () -> records(s.id, "&status=delivered").path("total").asInt() == 2);

    assertThat(records(s.id, "&packageName=camera%20FIRMWARE").path("total").asInt()).isEqualTo(2);
    assertThat(records(s.id, "&packageName=nothing-like-it").path("total").asInt()).isZero();
    assertThat(
            records(s.id, "&messageType=batch.canceled")
                .path("items")
                .get(0)
                .path("messageType")
                .asString())
        .isEqualTo("batch.canceled");
    assertThat(records(s.id, "&status=DEAD").path("total").asInt()).isZero();
    assertProblem(
        get("/api/v1/notifications/" + s.id + "/records?status=LOST"), 400, "INVALID_PARAMETER");
    assertProblem(
        get("/api/v1/notifications/" + s.id + "/records?messageType=x"), 400, "INVALID_PARAMETER");
    assertProblem(get("/api/v1/notifications/nope/records"), 404, "NOTIFICATION_NOT_FOUND");
    String recordId = records(s.id, "").path("items").get(0).path("id").asString();
    JsonNode detail = body(get("/api/v1/notifications/" + s.id + "/records/" + recordId));
    assertThat(
            json.readTree(detail.path("body").asString()).path("data").path("batchId").asString())
        .isEqualTo(batchId);
  }

  private List<String> types(Receiver r) {
    List<String> types = new ArrayList<>();
    for (LoggedRequest request : r.requests()) {
      types.add(json.readTree(request.getBodyAsString()).path("type").asString());
    }
    return types;
  }

  private JsonNode records(String notificationId, String query) throws Exception {
    return body(get("/api/v1/notifications/" + notificationId + "/records?size=100" + query));
  }

  private JsonNode onlyRecord(String notificationId) throws Exception {
    JsonNode records = records(notificationId, "");
    assertThat(records.path("total").asInt()).isEqualTo(1);
    assertThat(records.path("items")).as(records.toString()).hasSize(1);
    return records.path("items").get(0);
  }

  private Subscription subscribe(String url, String messageTypes) throws Exception {
    return subscribe(url, messageTypes, knownPackage(productKey, "Camera firmware 2.0"));
  }

  /** A notification to {@code url} associated with {@code packageId}. */
  private Subscription subscribe(String url, String messageTypes, String packageId)
      throws Exception {
    JsonNode created =
        createNotification(
            "{\"url\":\"%s\"%s}"
                .formatted(url, messageTypes == null ? "" : ",\"messageTypes\":" + messageTypes));
    String id = created.path("id").asString();
    associatePackage(id, productKey, packageId);
    return new Subscription(id, created.path("token").asString(), packageId);
  }

  private record Subscription(String id, String token, String packageId) {}
}
