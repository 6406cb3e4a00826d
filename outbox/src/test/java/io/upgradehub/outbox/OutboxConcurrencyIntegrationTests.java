package io.upgradehub.outbox;

import static io.upgradehub.outbox.OutboxRelayIntegrationTests.append;
import static io.upgradehub.outbox.OutboxRelayIntegrationTests.insert;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Two relays (as two instances of a service) on one collection, each named half of the writes and
 * sweeping often: every document's events arrive once and in order, as the lease lets one relay at
 * a time send a document's entries.
 */
class OutboxConcurrencyIntegrationTests {

  private static final int DOCUMENTS = 20;
  private static final int WRITES = 10;

  @Test
  void twoRelaysNeverSendOneDocumentsEntriesOutOfOrder() throws Exception {
    try (OutboxFixture fixture = new OutboxFixture()) {
      OutboxSource jobs = fixture.source();
      try (KafkaConsumer<String, String> consumer = consumer(jobs.topic())) {
        OutboxProperties properties =
            OutboxFixture.properties(Duration.ofMillis(300), Duration.ofSeconds(30));
        Outbox first = fixture.outbox(jobs);
        Outbox second = fixture.outbox(jobs);
        fixture.start(first, properties);
        fixture.start(second, properties);

        for (int write = 0; write < WRITES; write++) {
          for (int document = 0; document < DOCUMENTS; document++) {
            String id = "job-" + document;
            List<PendingEvent> events =
                List.of(
                    new PendingEvent("job.changed", 1, Map.of("seq", 2 * write)),
                    new PendingEvent("job.changed", 1, Map.of("seq", 2 * write + 1)));
            Outbox writer = (write + document) % 2 == 0 ? first : second;
            if (write == 0) {
              insert(writer, jobs, id, events);
            } else {
              append(writer, jobs, id, events);
            }
            writer.written(jobs, List.of(id));
          }
        }

        Map<String, List<Integer>> byKey = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int expected = DOCUMENTS * WRITES * 2;
        int received = 0;
        while (received < expected && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            byKey
                .computeIfAbsent(record.key(), k -> new ArrayList<>())
                .add(fixture.json.readTree(record.value()).path("data").path("seq").asInt());
            received++;
          }
        }
        // a further poll shows no duplicate arrives late
        consumer.poll(Duration.ofSeconds(1)).forEach(record -> byKey.get(record.key()).add(-1));

        List<Integer> inOrder = IntStream.range(0, 2 * WRITES).boxed().toList();
        for (int document = 0; document < DOCUMENTS; document++) {
          assertThat(byKey.get("job-" + document))
              .as("job-" + document)
              .containsExactlyElementsOf(inOrder);
        }
      }
    }
  }

  private static KafkaConsumer<String, String> consumer(String topic) {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }
}
