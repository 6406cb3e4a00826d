package io.upgradehub.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OutboxTests {

  // never connected: these tests only need collections to name
  private static final MongoCollection<Document> JOBS =
      MongoClients.create("mongodb://127.0.0.1:1").getDatabase("d").getCollection("jobs");
  private static final MongoCollection<Document> BATCHES =
      MongoClients.create("mongodb://127.0.0.1:1").getDatabase("d").getCollection("batches");

  private final JsonMapper json = JsonMapper.builder().build();
  private final OutboxSource jobs = new OutboxSource("campaign-service", JOBS, "jobs-topic");
  private final OutboxSource batches =
      new OutboxSource("campaign-service", BATCHES, "batches-topic");

  @Test
  void storesTheTopicAndKeyAnEventNamesAndNothingForTheSourceDefaults() {
    Outbox outbox = new Outbox(json, List.of(jobs, batches), 10, Duration.ofSeconds(30));

    List<Document> entries =
        outbox.entries(
            "job-1",
            Instant.parse("2026-11-26T10:00:00Z"),
            List.of(
                PendingEvent.to(
                    "upgradehub.device-commands", "p/d", "job.command", 1, Map.of("a", 1)),
                new PendingEvent("job.created", 1, Map.of("b", 2))));

    assertThat(entries.get(0))
        .containsEntry("topic", "upgradehub.device-commands")
        .containsEntry("key", "p/d")
        .containsEntry("type", "job.command");
    assertThat(entries.get(1)).doesNotContainKeys("topic", "key");
    assertThat(json.readTree(entries.get(1).getString("json")).path("source").asString())
        .isEqualTo("campaign-service");
    assertThat(json.readTree(entries.get(1).getString("json")).path("subject").asString())
        .isEqualTo("job-1");
  }

  @Test
  void rejectsNoSourceAndSourcesOfDifferentServices() {
    assertThatThrownBy(() -> new Outbox(json, List.of(), 10, Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Outbox(
                    json,
                    List.of(jobs, new OutboxSource("package-service", BATCHES, "t")),
                    10,
                    Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("package-service");
  }

  @Test
  void rejectsHintsForAnotherSource() {
    Outbox outbox = new Outbox(json, List.of(jobs), 10, Duration.ofSeconds(30));

    assertThatThrownBy(() -> outbox.written(batches, List.of("b-1")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dropsAndCountsHintsBeyondTheCapacity() {
    Outbox outbox = new Outbox(json, List.of(jobs, batches), 3, Duration.ofSeconds(30));

    outbox.written(jobs, List.of("j-1", "j-2"));
    outbox.written(batches, List.of("b-1", "b-2"));

    assertThat(outbox.hints().dropped()).isEqualTo(1);
    assertThat(outbox.hints().drain(10))
        .extracting(OutboxHints.Hint::id)
        .containsExactly("j-1", "j-2", "b-1");
  }

  @Test
  void keepsTheThreeArgumentEventForTheSourceDefaults() {
    PendingEvent event = new PendingEvent("package.created", 1, "data");

    assertThat(event.topic()).isNull();
    assertThat(event.key()).isNull();
  }
}
