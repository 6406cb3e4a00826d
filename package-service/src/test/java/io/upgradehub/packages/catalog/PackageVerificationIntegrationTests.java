package io.upgradehub.packages.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.batches.VerificationStatus;
import io.upgradehub.events.packages.PackageTopics;
import io.upgradehub.testsupport.SharedInfrastructure;
import io.upgradehub.testsupport.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The package's {@code status} mirrors the verification status campaign-service publishes to {@link
 * BatchTopics#BATCH_EVENTS}, through a real Kafka broker: in order, idempotently, and whatever else
 * the topic carries.
 *
 * <p>To know that a record was read without waiting for a change it must not make, a test publishes
 * after it, on the same partition, a status for a second package, and waits for that one.
 */
class PackageVerificationIntegrationTests extends PackageServiceIntegrationTest {

  private static final Instant T1 = Instant.parse("2026-11-26T10:00:00.001Z");
  private static final Instant T2 = T1.plusSeconds(30);
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private BatchEvents events;

  @BeforeEach
  void connectKafka() {
    events = new BatchEvents(SharedInfrastructure.kafka().bootstrapServers(), json);
  }

  @AfterEach
  void closeKafka() {
    events.close();
  }

  @Test
  void declaresTheBatchTopicWithItsPartitionCount() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
      TopicDescription topic =
          admin
              .describeTopics(List.of(BatchTopics.BATCH_EVENTS))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(BatchTopics.BATCH_EVENTS);
      assertThat(topic.partitions()).hasSize(BatchTopics.PARTITIONS);
    }
  }

  @Test
  void publishedVerificationChangeMovesTheStatusShownByTheApiAndIsPublishedAsAnUpdate()
      throws Exception {
    try (TopicReader published =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), PackageTopics.PACKAGE_EVENTS)) {
      String id = createPackage("moves");
      JsonNode created = body(get("/api/v1/packages/" + id));
      assertThat(created.path("status").asString()).isEqualTo("UNVERIFIED");
      assertThat(created.path("statusAt").isNull()).isTrue();

      events.publish(events.verificationChanged(id, VerificationStatus.VERIFYING, T1));
      JsonNode verifying = awaitStatus(id, "VERIFYING");
      assertThat(Instant.parse(verifying.path("statusAt").asString())).isEqualTo(T1);

      events.publish(events.verificationChanged(id, VerificationStatus.VERIFIED, T2));
      JsonNode verified = awaitStatus(id, "VERIFIED");
      assertThat(Instant.parse(verified.path("statusAt").asString())).isEqualTo(T2);
      assertThat(verified.path("enabled").asBoolean()).isTrue();
      String product = created.path("productKey").asString();
      assertThat(body(get("/api/v1/packages?productKey=" + product)).path("items"))
          .singleElement()
          .satisfies(item -> assertThat(item.path("status").asString()).isEqualTo("VERIFIED"));

      List<ConsumerRecord<String, String>> out = published.keyed(id, 3, WITHIN);
      assertThat(out)
          .extracting(r -> json.readTree(r.value()))
          .extracting(
              e -> e.path("type").asString() + " " + e.path("data").path("status").asString())
          .containsExactly(
              "package.created UNVERIFIED",
              "package.updated VERIFYING",
              "package.updated VERIFIED");
    }
  }

  @Test
  void olderEventAfterANewerOneChangesNothing() throws Exception {
    String id = createPackage("older");
    String marker = createPackage("older-marker");
    int partition = BatchEvents.partitionOf(id);

    events.publish(events.verificationChanged(id, VerificationStatus.VERIFIED, T2));
    events.publish(events.verificationChanged(id, VerificationStatus.VERIFYING, T1));
    events.publish(events.verificationChanged(marker, VerificationStatus.VERIFYING, T1), partition);
    awaitStatus(marker, "VERIFYING");

    JsonNode stays = body(get("/api/v1/packages/" + id));
    assertThat(stays.path("status").asString()).isEqualTo("VERIFIED");
    assertThat(Instant.parse(stays.path("statusAt").asString())).isEqualTo(T2);
  }

  @Test
  void skipsUnknownAndDeletedPackagesBatchStatesAndUnreadableRecordsWithoutBlockingLaterOnes()
      throws Exception {
    String id = createPackage("skips");
    String deleted = createPackage("skips-deleted");
    assertThat(send("DELETE", "/api/v1/packages/" + deleted, "application/json", "").statusCode())
        .isEqualTo(204);
    String unknown = UUID.randomUUID().toString();
    int partition = BatchEvents.partitionOf(id);

    events.publish(
        events.verificationChanged(unknown, VerificationStatus.VERIFYING, T1), partition);
    events.publish(
        events.verificationChanged(deleted, VerificationStatus.VERIFYING, T1), partition);
    events.publish(events.batchStateChanged("b-" + UUID.randomUUID(), id, T1), partition);
    events.publishRaw(id, "not an envelope {", partition);
    String unknownStatus =
        events
            .verificationChanged(id, VerificationStatus.VERIFIED, T1)
            .replace("\"VERIFIED\"", "\"RE_VERIFYING\"");
    assertThat(unknownStatus).contains("\"status\":\"RE_VERIFYING\"");
    events.publishRaw(id, unknownStatus, partition);
    events.publish(events.verificationChanged(id, VerificationStatus.VERIFY_SKIPPED, T2));

    awaitStatus(id, "VERIFY_SKIPPED");
    assertThat(packageCollection.countDocuments(new Document("_id", unknown))).isZero();
    assertThat(get("/api/v1/packages/" + deleted).statusCode()).isEqualTo(404);
    Document tombstone = packageCollection.find(new Document("_id", deleted)).first();
    if (tombstone != null) { // unless the purger removed it already
      assertThat(tombstone.getString("status")).isEqualTo("UNVERIFIED");
    }
  }

  @Test
  void repeatedEventChangesNothingTwice() throws Exception {
    try (TopicReader published =
        new TopicReader(
            SharedInfrastructure.kafka().bootstrapServers(), PackageTopics.PACKAGE_EVENTS)) {
      String id = createPackage("repeated");
      String marker = createPackage("repeated-marker");
      String failed = events.verificationChanged(id, VerificationStatus.VERIFY_FAILED, T1);

      events.publish(failed);
      awaitStatus(id, "VERIFY_FAILED");
      HttpResponse<String> once = get("/api/v1/packages/" + id);
      long version = storedVersion(id);

      // at-least-once delivery: the same event again, and the same status under a new event id
      events.publish(failed);
      events.publish(events.verificationChanged(id, VerificationStatus.VERIFY_FAILED, T1));
      events.publish(
          events.verificationChanged(marker, VerificationStatus.VERIFYING, T1),
          BatchEvents.partitionOf(id));
      awaitStatus(marker, "VERIFYING");

      assertThat(get("/api/v1/packages/" + id).body()).isEqualTo(once.body());
      assertThat(storedVersion(id)).isEqualTo(version);
      List<ConsumerRecord<String, String>> out = published.keyed(id, 2, WITHIN);
      // a further wait shows no second update arrives late
      out.addAll(published.keyed(id, 1, Duration.ofSeconds(2)));
      assertThat(out)
          .extracting(r -> json.readTree(r.value()).path("type").asString())
          .containsExactly("package.created", "package.updated");
    }
  }

  /** Uploads a package of a product of its own, named as the product. */
  private String createPackage(String prefix) throws Exception {
    String product = prefix + "-" + UUID.randomUUID();
    HttpResponse<String> response = upload(metadata(product, product, "1.0"), randomBytes(100, 7));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return body(response).path("id").asString();
  }

  private long storedVersion(String id) {
    return packageCollection
        .find(new Document("_id", id))
        .first()
        .get("version", Number.class)
        .longValue();
  }

  /** Reads the package until its status is {@code expected}; fails when the time is up. */
  private JsonNode awaitStatus(String id, String expected) throws Exception {
    long deadline = System.nanoTime() + WITHIN.toNanos();
    JsonNode current;
    do {
      HttpResponse<String> response = get("/api/v1/packages/" + id);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      current = body(response);
      if (expected.equals(current.path("status").asString())) {
        return current;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    assertThat(current.path("status").asString()).as("status of %s", id).isEqualTo(expected);
    return current;
  }
}
