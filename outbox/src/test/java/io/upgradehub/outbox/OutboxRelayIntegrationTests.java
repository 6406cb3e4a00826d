package io.upgradehub.outbox;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upgradehub.testsupport.SharedInfrastructure;
import io.upgradehub.testsupport.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay against a real Kafka broker and the embedded MongoDB-protocol server. */
class OutboxRelayIntegrationTests {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final OutboxFixture fixture = new OutboxFixture();
  private final List<TopicReader> readers = new ArrayList<>();

  @AfterEach
  void close() {
    readers.forEach(TopicReader::close);
    fixture.close();
  }

  @Test
  void sendsEntriesToTheirOwnTopicAndKeyInOrderPerDocument() {
    OutboxSource jobs = fixture.source();
    String events = fixture.topic();
    String commands = fixture.topic();
    TopicReader jobTopic = reader(jobs.topic());
    TopicReader eventTopic = reader(events);
    TopicReader commandTopic = reader(commands);
    Outbox outbox = fixture.outbox(jobs);
    fixture.start(outbox, OutboxFixture.properties(HOUR, LEASE));

    List<PendingEvent> raised = new ArrayList<>();
    for (int seq = 0; seq < 20; seq++) {
      raised.add(PendingEvent.to(events, "product/dev-1", "job.changed", 1, Map.of("seq", seq)));
      raised.add(PendingEvent.to(commands, "product/dev-1", "job.command", 1, Map.of("seq", seq)));
    }
    raised.add(new PendingEvent("job.noted", 1, Map.of("seq", 0)));
    insert(outbox, jobs, "job-1", raised);
    outbox.written(jobs, List.of("job-1"));

    assertThat(seqs(eventTopic.keyed("product/dev-1", 20, Duration.ofSeconds(20))))
        .containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    assertThat(seqs(commandTopic.keyed("product/dev-1", 20, Duration.ofSeconds(20))))
        .containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    assertThat(seqs(jobTopic.keyed("job-1", 1, Duration.ofSeconds(20)))).containsExactly(0);
    assertThat(pendingIn(jobs, "job-1")).isEmpty();
  }

  @Test
  void publishesNamedDocumentsAtOnceAndLeavesUnnamedOnesToTheSweep() {
    OutboxSource jobs = fixture.source();
    TopicReader topic = reader(jobs.topic());
    Outbox outbox = fixture.outbox(jobs);
    fixture.start(outbox, OutboxFixture.properties(HOUR, LEASE));

    insert(outbox, jobs, "named", List.of(new PendingEvent("job.created", 1, Map.of("seq", 1))));
    insert(outbox, jobs, "unnamed", List.of(new PendingEvent("job.created", 1, Map.of("seq", 2))));
    outbox.written(jobs, List.of("named"));

    assertThat(topic.keyed("named", 1, Duration.ofSeconds(5))).hasSize(1);
    // the sweep runs hourly here, so nothing else took the unnamed document
    assertThat(topic.keyed("unnamed", 1, Duration.ofSeconds(2))).isEmpty();
    assertThat(pendingIn(jobs, "unnamed")).hasSize(1);

    outbox.written();

    assertThat(topic.keyed("unnamed", 1, Duration.ofSeconds(10))).hasSize(1);
  }

  @Test
  void publishesDocumentsItsWritersClaimedAndLeavesAnotherInstancesClaimAlone() {
    OutboxSource jobs = fixture.source();
    TopicReader topic = reader(jobs.topic());
    TopicReader topicAgain = reader(jobs.topic());
    TopicReader topicOnceMore = reader(jobs.topic());
    Outbox outbox = fixture.outbox(jobs);
    fixture.start(outbox, OutboxFixture.properties(HOUR, LEASE));

    // claimed by its writer in the write that stored its entries
    insert(outbox, jobs, "claimed", List.of(new PendingEvent("job.a", 1, Map.of("seq", 1))));
    jobs.collection().updateOne(eq("_id", "claimed"), outbox.claimForRelay(now()));
    // named as claimed, but the claim was released before the relay came to it
    insert(outbox, jobs, "released", List.of(new PendingEvent("job.a", 1, Map.of("seq", 2))));
    // claimed by another instance, whose lease runs for an hour
    insert(outbox, jobs, "foreign", List.of(new PendingEvent("job.a", 1, Map.of("seq", 3))));
    jobs.collection()
        .updateOne(
            eq("_id", "foreign"),
            Updates.combine(
                Updates.set(OutboxDelivery.LEASE, java.util.Date.from(now().plus(HOUR))),
                Updates.set(OutboxDelivery.CLAIM, "another-instance")));
    outbox.writtenClaimed(jobs, List.of("claimed", "released", "foreign"));

    assertThat(topic.keyed("claimed", 1, Duration.ofSeconds(10))).hasSize(1);
    assertThat(topicAgain.keyed("released", 1, Duration.ofSeconds(10))).hasSize(1);
    assertThat(topicOnceMore.keyed("foreign", 1, Duration.ofSeconds(2))).isEmpty();
    assertThat(pendingIn(jobs, "claimed")).isEmpty();
    assertThat(pendingIn(jobs, "released")).isEmpty();
    assertThat(pendingIn(jobs, "foreign")).hasSize(1);
    Document claimed = jobs.collection().find(eq("_id", "claimed")).first();
    assertThat(claimed).doesNotContainKeys(OutboxDelivery.LEASE, OutboxDelivery.CLAIM);
  }

  @Test
  void relaysEverySourceOfTheService() {
    OutboxSource jobs = fixture.source();
    OutboxSource batches = fixture.source();
    TopicReader jobTopic = reader(jobs.topic());
    TopicReader batchTopic = reader(batches.topic());
    // a reader drops the keys it does not look for: one per key
    TopicReader batchTopicAgain = reader(batches.topic());
    Outbox outbox = fixture.outbox(jobs, batches);
    fixture.start(outbox, OutboxFixture.properties(HOUR, LEASE));

    insert(outbox, jobs, "job-1", List.of(new PendingEvent("job.created", 1, Map.of("seq", 1))));
    insert(outbox, batches, "b-1", List.of(new PendingEvent("batch.x", 1, Map.of("seq", 1))));
    insert(outbox, batches, "b-2", List.of(new PendingEvent("batch.x", 1, Map.of("seq", 2))));
    outbox.written(jobs, List.of("job-1"));
    outbox.written(batches, List.of("b-1"));
    outbox.written(); // b-2 by a sweep

    assertThat(jobTopic.keyed("job-1", 1, Duration.ofSeconds(10))).hasSize(1);
    assertThat(batchTopic.keyed("b-1", 1, Duration.ofSeconds(10))).hasSize(1);
    assertThat(batchTopicAgain.keyed("b-2", 1, Duration.ofSeconds(10))).hasSize(1);
  }

  @Test
  void sweepsPeriodicallyWhatNobodyNamedOnceItIsOlderThanTheInterval() {
    OutboxSource jobs = fixture.source();
    TopicReader topic = reader(jobs.topic());
    Outbox outbox = fixture.outbox(jobs);
    fixture.start(outbox, OutboxFixture.properties(Duration.ofSeconds(1), LEASE));

    // as if its writer crashed before naming it
    insert(outbox, jobs, "lost", List.of(new PendingEvent("job.created", 1, Map.of("seq", 1))));

    assertThat(topic.keyed("lost", 1, Duration.ofSeconds(10))).hasSize(1);
  }

  @Test
  void leavesEntriesThatFailedToSendForAfterTheLease() throws Exception {
    OutboxSource jobs = fixture.source();
    String failing = fixture.topic();
    TopicReader topic = reader(jobs.topic());
    Outbox outbox = fixture.outbox(jobs);
    FailingKafka kafka = new FailingKafka(fixture, failing);
    OutboxDelivery delivery =
        new OutboxDelivery(
            kafka, OutboxFixture.properties(HOUR, Duration.ofSeconds(1)), fixture.clock);
    insert(
        outbox,
        jobs,
        "job-1",
        List.of(
            new PendingEvent("job.a", 1, Map.of("seq", 0)),
            PendingEvent.to(failing, "k", "job.b", 1, Map.of("seq", 1)),
            new PendingEvent("job.c", 1, Map.of("seq", 2))));

    assertThat(delivery.deliver(jobs, List.of("job-1"))).isEqualTo(1);
    assertThat(pendingIn(jobs, "job-1"))
        .extracting(entry -> entry.getString("type"))
        .containsExactly("job.b", "job.c");
    // still leased: nobody sends them again before the lease ends
    assertThat(delivery.deliver(jobs, List.of("job-1"))).isZero();

    kafka.recover();
    Thread.sleep(1_100);

    assertThat(delivery.deliver(jobs, List.of("job-1"))).isEqualTo(2);
    assertThat(pendingIn(jobs, "job-1")).isEmpty();
    assertThat(jobs.collection().find(eq("_id", "job-1")).first())
        .doesNotContainKeys(OutboxDelivery.LEASE, OutboxDelivery.CLAIM);
    // job.c went out twice (at least once): after job.a, and again after the retried job.b
    assertThat(seqs(topic.keyed("job-1", 3, Duration.ofSeconds(10)))).containsExactly(0, 2, 2);
  }

  @Test
  void countsPublishedEventsUnderTheSameMeterNames() throws Exception {
    OutboxSource jobs = fixture.source();
    TopicReader topic = reader(jobs.topic());
    Outbox outbox = fixture.outbox(jobs);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    OutboxRelay relay =
        new OutboxRelay(
            outbox, fixture.kafka, OutboxFixture.properties(null, LEASE), fixture.clock, meters);
    relay.start();
    try {
      insert(outbox, jobs, "job-1", List.of(new PendingEvent("job.a", 1, Map.of("seq", 0))));
      outbox.written();

      assertThat(topic.keyed("job-1", 1, Duration.ofSeconds(10))).hasSize(1);
      // counted once removed from the document, which may be just after the consumer saw it
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (meters.get("upgradehub.outbox.published").counter().count() < 1
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(meters.get("upgradehub.outbox.published").counter().count()).isEqualTo(1);
      assertThat(meters.get("upgradehub.outbox.pending").gauge()).isNotNull();
      assertThat(meters.get("upgradehub.outbox.lag").gauge()).isNotNull();
      assertThat(meters.get("upgradehub.outbox.hints.dropped").functionCounter().count()).isZero();
    } finally {
      relay.stop();
    }
  }

  private TopicReader reader(String topic) {
    TopicReader reader = new TopicReader(SharedInfrastructure.kafka().bootstrapServers(), topic);
    readers.add(reader);
    return reader;
  }

  static void insert(Outbox outbox, OutboxSource source, String id, List<PendingEvent> events) {
    source
        .collection()
        .insertOne(new Document("_id", id).append(Outbox.FIELD, outbox.entries(id, now(), events)));
  }

  static void append(Outbox outbox, OutboxSource source, String id, List<PendingEvent> events) {
    source
        .collection()
        .updateOne(
            eq("_id", id), Updates.pushEach(Outbox.FIELD, outbox.entries(id, now(), events)));
  }

  static List<Document> pendingIn(OutboxSource source, String id) {
    Document document = source.collection().find(eq("_id", id)).first();
    return document.getList(Outbox.FIELD, Document.class, List.of());
  }

  private static Instant now() {
    return Instant.now();
  }

  List<Integer> seqs(List<ConsumerRecord<String, String>> records) {
    return records.stream()
        .map(r -> fixture.json.readTree(r.value()).path("data").path("seq").asInt())
        .toList();
  }
}
