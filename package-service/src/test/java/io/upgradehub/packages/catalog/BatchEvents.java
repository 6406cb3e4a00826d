package io.upgradehub.packages.catalog;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.batches.BatchStateChanged;
import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.batches.VerificationChanged;
import io.upgradehub.events.batches.VerificationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes to {@link BatchTopics#BATCH_EVENTS} as campaign-service's outbox does (the envelope,
 * keyed by its subject, with the {@code event-*} headers), and records no one else would: for the
 * tests of the verification status package-service mirrors.
 *
 * <p>Every record goes to the partition its key's default partitioning names unless a partition is
 * given: a record of another key sent to a package's partition is read after the package's earlier
 * records, which is how a test knows those were read.
 */
final class BatchEvents implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final JsonMapper json;

  BatchEvents(String bootstrapServers, JsonMapper json) {
    this.json = json;
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer());
  }

  /** The partition the producer's default partitioning gives {@code key}. */
  static int partitionOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
        % BatchTopics.PARTITIONS;
  }

  /** A {@code package.verification-changed} envelope with a new event id. */
  String verificationChanged(String packageId, VerificationStatus status, Instant at) {
    return envelope(
        UUID.randomUUID().toString(),
        VerificationChanged.TYPE,
        VerificationChanged.VERSION,
        packageId,
        new VerificationChanged(
            packageId, status, status == VerificationStatus.VERIFY_SKIPPED ? null : "v-1", at));
  }

  /** A {@code batch.state-changed} envelope of a verification batch of {@code packageId}. */
  String batchStateChanged(String batchId, String packageId, Instant at) {
    return envelope(
        UUID.randomUUID().toString(),
        BatchStateChanged.TYPE,
        BatchStateChanged.VERSION,
        batchId,
        new BatchStateChanged(
            batchId,
            "VERIFY",
            packageId,
            "cam",
            "default",
            "1.0",
            BatchState.RUNNING,
            Map.of("QUEUED", 1L),
            null,
            at,
            null,
            false));
  }

  /** Publishes an envelope keyed by its subject and waits for the broker's acknowledgement. */
  void publish(String envelope) {
    publish(envelope, null);
  }

  /** Publishes an envelope keyed by its subject to {@code partition} (null: the key's). */
  void publish(String envelope, @Nullable Integer partition) {
    var node = json.readTree(envelope);
    String key = node.path("subject").asString();
    ProducerRecord<String, String> record =
        new ProducerRecord<>(BatchTopics.BATCH_EVENTS, partition, key, envelope);
    record.headers().add("event-id", bytes(node.path("id").asString()));
    record.headers().add("event-type", bytes(node.path("type").asString()));
    record.headers().add("event-version", bytes(node.path("version").asString()));
    send(record);
  }

  /** Publishes any value (a record this service cannot read) with the key, to {@code partition}. */
  void publishRaw(String key, String value, int partition) {
    send(new ProducerRecord<>(BatchTopics.BATCH_EVENTS, partition, key, value));
  }

  private void send(ProducerRecord<String, String> record) {
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not take " + record.value(), e);
    }
  }

  private String envelope(String id, String type, int version, String subject, Object data) {
    return json.writeValueAsString(
        new EventEnvelope<>(id, type, version, BatchTopics.SOURCE, Instant.now(), subject, data));
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close();
  }
}
