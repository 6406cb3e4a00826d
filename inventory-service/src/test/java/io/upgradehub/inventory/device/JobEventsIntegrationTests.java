package io.upgradehub.inventory.device;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * campaign-service's job events, published to a real Kafka broker as it will publish them (an
 * envelope in JSON, keyed by the device), applied to the real MongoDB-protocol server and read back
 * over HTTP. "Nothing changed" is checked after a later event of the same device (same key, same
 * partition, so processed after it) became visible: the end of another job, canceled, which moves
 * no counter.
 */
class JobEventsIntegrationTests extends DeviceReportsTest {

  @Autowired MongoCollection<Document> upgradeLogCollection;
  @Autowired ConsumerFactory<?, ?> consumerFactory;

  @Test
  void finishedAttemptIsLoggedWithItsOutcomeAndMovesTheCounters() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");
    double appliedBefore = applied(JobState.SUCCEEDED);

    publish(changed("cam-1", "job-1", 1, JobState.SUCCEEDED, at(1)));

    await("counted", () -> device("cam-1").path("totalUpgrades").asLong() == 1);
    assertThat(device("cam-1").path("totalFailures").asLong()).isZero();
    JsonNode entry = onlyEntry("cam-1");
    assertThat(entry.path("kind").asString()).isEqualTo("UPGRADE_SUCCEEDED");
    assertThat(entry.path("jobId").asString()).isEqualTo("job-1");
    assertThat(entry.path("batchId").asString()).isEqualTo("batch-1");
    assertThat(entry.path("packageId").asString()).isEqualTo("pkg-1");
    assertThat(entry.path("attempt").asInt()).isEqualTo(1);
    assertThat(entry.path("module").asString()).isEqualTo("default");
    assertThat(entry.path("fromVersion").asString()).isEqualTo("1.0.0");
    assertThat(entry.path("toVersion").asString()).isEqualTo("2.0.0");
    assertThat(entry.path("failureCode").isNull()).isTrue();
    assertThat(Instant.parse(entry.path("at").asString())).isEqualTo(at(1));
    assertThat(applied(JobState.SUCCEEDED)).isGreaterThan(appliedBefore);
  }

  @Test
  void failedAttemptShowsItsFailureCodeAndCountsAsAFailure() throws Exception {
    register("cam-1", "{}");

    publish(failed("cam-1", "job-1", 1, -2, "signature mismatch", at(1)));

    await("counted", () -> device("cam-1").path("totalFailures").asLong() == 1);
    assertThat(device("cam-1").path("totalUpgrades").asLong()).isEqualTo(1);
    JsonNode entry = onlyEntry("cam-1");
    assertThat(entry.path("kind").asString()).isEqualTo("UPGRADE_FAILED");
    assertThat(entry.path("failureCode").asInt()).isEqualTo(-2);
    assertThat(entry.path("description").asString()).isEqualTo("signature mismatch");
  }

  @Test
  void everyFinishedAttemptOfARetriedJobCountsAndTimeOutsAreFailures() throws Exception {
    register("cam-1", "{}");

    publish(changed("cam-1", "job-1", 1, JobState.TIMED_OUT, at(1)));
    publish(failed("cam-1", "job-1", 2, -1, null, at(2)));
    publish(changed("cam-1", "job-1", 3, JobState.SUCCEEDED, at(3)));

    await("three counted", () -> device("cam-1").path("totalUpgrades").asLong() == 3);
    assertThat(device("cam-1").path("totalFailures").asLong()).isEqualTo(2);
    assertThat(kinds("cam-1"))
        .containsExactly("UPGRADE_SUCCEEDED", "UPGRADE_FAILED", "UPGRADE_TIMED_OUT");
    assertThat(upgradeLog("cam-1", 0, 20).path("items").findValuesAsString("attempt"))
        .containsExactly("3", "2", "1");
  }

  @Test
  void sameEventPublishedTwiceChangesNothingTwice() throws Exception {
    register("cam-1", "{}");
    String id = UUID.randomUUID().toString();
    JobStateChanged failed = failed("cam-1", "job-1", 1, -3, "install failed", at(1));

    publish(id, failed);
    publish(id, failed);
    publishLaterEnd("cam-1", at(2));

    assertThat(device("cam-1").path("totalUpgrades").asLong()).isEqualTo(1);
    assertThat(device("cam-1").path("totalFailures").asLong()).isEqualTo(1);
    assertThat(kinds("cam-1")).containsExactly("UPGRADE_CANCELED", "UPGRADE_FAILED");
  }

  @Test
  void severalAppliedEventsDeliveredAgainAfterAStopChangeNothing() throws Exception {
    register("cam-1", "{}");
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    JobStateChanged timedOut = changed("cam-1", "job-1", 1, JobState.TIMED_OUT, at(1));
    JobStateChanged succeeded = changed("cam-1", "job-1", 2, JobState.SUCCEEDED, at(2));
    publish(first, timedOut);
    publish(second, succeeded);
    await("both counted", () -> device("cam-1").path("totalUpgrades").asLong() == 2);

    // what a consumer reads again when it stopped before committing the offsets of both
    publish(first, timedOut);
    publish(second, succeeded);
    publishLaterEnd("cam-1", at(3));

    assertThat(device("cam-1").path("totalUpgrades").asLong()).isEqualTo(2);
    assertThat(device("cam-1").path("totalFailures").asLong()).isEqualTo(1);
    assertThat(kinds("cam-1"))
        .containsExactly("UPGRADE_CANCELED", "UPGRADE_SUCCEEDED", "UPGRADE_TIMED_OUT");
  }

  @Test
  void olderEventDeliveredAgainAfterANewerOneChangesNothing() throws Exception {
    register("cam-1", "{}");
    String older = UUID.randomUUID().toString();
    JobStateChanged failed = failed("cam-1", "job-1", 1, -1, null, at(1));
    publish(older, failed);
    publish(changed("cam-1", "job-2", 1, JobState.SUCCEEDED, at(2)));
    await("both counted", () -> device("cam-1").path("totalUpgrades").asLong() == 2);

    publish(older, failed);
    publishLaterEnd("cam-1", at(3));

    assertThat(device("cam-1").path("totalUpgrades").asLong()).isEqualTo(2);
    assertThat(device("cam-1").path("totalFailures").asLong()).isEqualTo(1);
    assertThat(upgradeLog("cam-1", 0, 20).path("total").asLong()).isEqualTo(3);
  }

  @Test
  void logEntryLostToAStopIsWrittenByTheRedeliveryWithoutCountingAgain() throws Exception {
    register("cam-1", "{}");
    String id = UUID.randomUUID().toString();
    JobStateChanged succeeded = changed("cam-1", "job-1", 1, JobState.SUCCEEDED, at(1));
    publish(id, succeeded);
    await("logged", () -> upgradeLog("cam-1", 0, 20).path("total").asLong() == 1);
    // a stop after the counters were written, before the entry was; the entry is the attempt's
    String entryId = productKey + "/cam-1/job-1/1/SUCCEEDED";
    assertThat(upgradeLogCollection.deleteOne(new Document("_id", entryId)).getDeletedCount())
        .isEqualTo(1);
    assertThat(upgradeLog("cam-1", 0, 20).path("total").asLong()).isZero();

    publish(id, succeeded);

    await("logged again", () -> upgradeLog("cam-1", 0, 20).path("total").asLong() == 1);
    assertThat(device("cam-1").path("totalUpgrades").asLong()).isEqualTo(1);
    assertThat(onlyEntry("cam-1").path("kind").asString()).isEqualTo("UPGRADE_SUCCEEDED");
  }

  @Test
  void canceledAttemptIsLoggedButCountsAsNeitherUpgradeNorFailure() throws Exception {
    register("cam-1", "{}");

    publish(changed("cam-1", "job-1", 1, JobState.CANCELED, at(1)));

    await("logged", () -> upgradeLog("cam-1", 0, 20).path("total").asLong() == 1);
    JsonNode entry = onlyEntry("cam-1");
    assertThat(entry.path("kind").asString()).isEqualTo("UPGRADE_CANCELED");
    assertThat(entry.path("jobId").asString()).isEqualTo("job-1");
    assertThat(device("cam-1").path("totalUpgrades").asLong()).isZero();
    assertThat(device("cam-1").path("totalFailures").asLong()).isZero();
  }

  @Test
  void nonFinalStatesChangeNothing() throws Exception {
    register("cam-1", "{}");
    double queuedBefore = applied(JobState.QUEUED);

    int second = 1;
    for (JobState state :
        List.of(JobState.QUEUED, JobState.NOTIFIED, JobState.DOWNLOADING, JobState.UPGRADING)) {
      publish(changed("cam-1", "job-1", 1, state, at(second++)));
    }
    publishLaterEnd("cam-1", at(second));

    assertThat(kinds("cam-1")).containsExactly("UPGRADE_CANCELED");
    assertThat(device("cam-1").path("totalUpgrades").asLong()).isZero();
    assertThat(device("cam-1").path("totalFailures").asLong()).isZero();
    assertThat(applied(JobState.QUEUED)).as("read and applied").isGreaterThan(queuedBefore);
  }

  @Test
  void malformedEventsAreCountedAsIgnoredAndTheNextOneIsApplied() throws Exception {
    register("cam-1", "{}");
    double unreadable = ignored("unreadable");
    double unknownType = ignored("unknown-type");
    String key = new DeviceKey(productKey, "cam-1").value();
    send(JobTopics.JOB_EVENTS, key, "this is not JSON {");
    send(JobTopics.JOB_EVENTS, key, "{\"id\":\"x\",\"type\":\"job.state-changed\"}");
    JsonNode noAttempt = json.valueToTree(changed("cam-1", "job-0", 1, JobState.FAILED, at(1)));
    ((ObjectNode) noAttempt).put("attempt", 0);
    send(JobTopics.JOB_EVENTS, key, envelope(JobStateChanged.TYPE, noAttempt));
    JsonNode unknownState = json.valueToTree(changed("cam-1", "job-0", 1, JobState.FAILED, at(1)));
    ((ObjectNode) unknownState).put("state", "EXPLODED");
    send(JobTopics.JOB_EVENTS, key, envelope(JobStateChanged.TYPE, unknownState));
    send(JobTopics.JOB_EVENTS, key, envelope("job.exploded", json.createObjectNode()));

    publish(changed("cam-1", "job-1", 1, JobState.SUCCEEDED, at(2)));

    await(
        "the valid event after the poison",
        () -> device("cam-1").path("totalUpgrades").asLong() == 1);
    assertThat(ignored("unreadable")).isGreaterThanOrEqualTo(unreadable + 4);
    assertThat(ignored("unknown-type")).isGreaterThanOrEqualTo(unknownType + 1);
    assertThat(kinds("cam-1")).containsExactly("UPGRADE_SUCCEEDED");
  }

  @Test
  void endOfAnUnknownDeviceOfAKnownProductRegistersItWithItsCounts() throws Exception {
    assertThat(get(devicePath("new-1")).statusCode()).isEqualTo(404);

    publish(failed("new-1", "job-1", 1, -4, "other", at(1)));

    await("the device", () -> get(devicePath("new-1")).statusCode() == 200);
    await("counted", () -> device("new-1").path("totalFailures").asLong() == 1);
    assertThat(device("new-1").path("totalUpgrades").asLong()).isEqualTo(1);
    assertThat(kinds("new-1")).containsExactly("UPGRADE_FAILED");
  }

  @Test
  void endForAnUnknownProductIsCountedAndSkipped() throws Exception {
    double before = ignored("unknown-product");
    String unknownProduct = uniqueKey("nope");
    publish(event(unknownProduct, "cam-1", "job-1", 1, JobState.SUCCEEDED, null, null, at(1)));

    await("the count", () -> ignored("unknown-product") > before);
    assertProblem(
        get("/api/v1/products/" + unknownProduct + "/devices/cam-1"), 404, "PRODUCT_NOT_FOUND");
  }

  @Test
  void logMixesVersionChangesAndAttemptsNewestFirst() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");

    version("cam-1", "default", "1.5.0", at(1));
    publish(changed("cam-1", "job-1", 1, JobState.SUCCEEDED, at(2)));
    version("cam-1", "default", "2.0.0", at(3));
    publish(failed("cam-1", "job-2", 1, -3, null, at(4)));

    await("four entries", () -> upgradeLog("cam-1", 0, 20).path("total").asLong() == 4);
    assertThat(kinds("cam-1"))
        .containsExactly(
            "UPGRADE_FAILED", "VERSION_CHANGED", "UPGRADE_SUCCEEDED", "VERSION_CHANGED");
    JsonNode first = upgradeLog("cam-1", 0, 3);
    assertThat(first.path("items")).hasSize(3);
    assertThat(first.path("items").get(1).path("toVersion").asString()).isEqualTo("2.0.0");
    assertThat(first.path("items").get(1).path("jobId").isNull()).isTrue();
    JsonNode second = upgradeLog("cam-1", 1, 3);
    assertThat(second.path("items")).hasSize(1);
    assertThat(second.path("items").get(0).path("toVersion").asString()).isEqualTo("1.5.0");
  }

  @Test
  void jobEventsTopicIsDeclaredWithItsPartitionsAndNoConsumerCreatesTopics() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
      int partitions =
          admin
              .describeTopics(List.of(JobTopics.JOB_EVENTS))
              .allTopicNames()
              .get()
              .get(JobTopics.JOB_EVENTS)
              .partitions()
              .size();
      assertThat(partitions).isEqualTo(JobTopics.PARTITIONS);
    }
    assertThat(
            String.valueOf(
                consumerFactory
                    .getConfigurationProperties()
                    .get(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG)))
        .as("the consumer factory of every listener")
        .isEqualTo("false");
  }

  private JobStateChanged changed(
      String deviceName, String jobId, int attempt, JobState state, Instant at) {
    return event(productKey, deviceName, jobId, attempt, state, null, null, at);
  }

  private JobStateChanged failed(
      String deviceName,
      String jobId,
      int attempt,
      int failureCode,
      @Nullable String description,
      Instant at) {
    return event(
        productKey, deviceName, jobId, attempt, JobState.FAILED, failureCode, description, at);
  }

  /** An event of job {@code jobId} of batch-1, installing pkg-1 (default 1.0.0 to 2.0.0). */
  private static JobStateChanged event(
      String productKey,
      String deviceName,
      String jobId,
      int attempt,
      JobState state,
      @Nullable Integer failureCode,
      @Nullable String description,
      Instant at) {
    return new JobStateChanged(
        jobId,
        "batch-1",
        productKey,
        deviceName,
        "pkg-1",
        "default",
        "1.0.0",
        "2.0.0",
        state,
        attempt,
        failureCode,
        description,
        at);
  }

  /**
   * Publishes the end of another job, canceled (it moves no counter), and waits until it is logged:
   * every job event of the device published before it was processed by then.
   */
  private void publishLaterEnd(String deviceName, Instant at) throws Exception {
    String jobId = "later-" + UUID.randomUUID();
    publish(changed(deviceName, jobId, 1, JobState.CANCELED, at));
    await(
        "the later end",
        () ->
            upgradeLog(deviceName, 0, 100)
                .path("items")
                .findValuesAsString("jobId")
                .contains(jobId));
  }

  /** Publishes a job event under a fresh event id, as campaign-service will. */
  private void publish(JobStateChanged data) throws Exception {
    publish(UUID.randomUUID().toString(), data);
  }

  private void publish(String eventId, JobStateChanged data) throws Exception {
    String key = new DeviceKey(data.productKey(), data.deviceName()).value();
    send(
        JobTopics.JOB_EVENTS,
        key,
        json.writeValueAsString(
            new EventEnvelope<>(
                eventId,
                JobStateChanged.TYPE,
                JobStateChanged.VERSION,
                JobTopics.SOURCE,
                data.at(),
                key,
                data)));
  }

  private String envelope(String type, JsonNode data) {
    return json.writeValueAsString(
        new EventEnvelope<>(
            UUID.randomUUID().toString(),
            type,
            1,
            JobTopics.SOURCE,
            Instant.now(),
            new DeviceKey(productKey, "cam-1").value(),
            data));
  }

  private JsonNode onlyEntry(String deviceName) throws Exception {
    JsonNode log = upgradeLog(deviceName, 0, 20);
    assertThat(log.path("total").asLong()).isEqualTo(1);
    return log.path("items").get(0);
  }

  private List<String> kinds(String deviceName) throws Exception {
    List<String> kinds = new ArrayList<>();
    upgradeLog(deviceName, 0, 100).path("items").forEach(e -> kinds.add(e.path("kind").asString()));
    return kinds;
  }

  private double applied(JobState state) {
    return meters.counter(JobEvents.APPLIED, "state", state.name()).count();
  }
}
