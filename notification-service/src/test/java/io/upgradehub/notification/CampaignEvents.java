package io.upgradehub.notification;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.batches.BatchStateChanged;
import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.batches.TransferDecided;
import io.upgradehub.events.batches.TransferDeviceEnded;
import io.upgradehub.events.batches.TransferEnded;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageTopics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events notification-service reads, in the envelopes and on the topics their
 * producers (package-service, campaign-service) use, waiting for the broker's acknowledgement.
 */
public final class CampaignEvents implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KafkaProducer<String, String> producer;

  public CampaignEvents(String bootstrapServers) {
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

  public void packageCreated(String packageId, String name, String productKey) {
    publish(
        PackageTopics.PACKAGE_EVENTS,
        PackageCreated.TYPE,
        PackageCreated.VERSION,
        packageId,
        new PackageCreated(
            packageId,
            name,
            "FULL",
            productKey,
            "default",
            "2.0.0",
            List.of(),
            1024,
            "00",
            "00",
            "sig",
            "Ed25519",
            "UNVERIFIED",
            true,
            Instant.now()));
  }

  /** A batch of {@code packageId} entered {@code state}; returns the envelope's id. */
  public String batch(
      String batchId,
      String packageId,
      BatchState state,
      @Nullable BatchState previous,
      boolean abortRule,
      Instant at) {
    return publish(
        BatchTopics.BATCH_EVENTS,
        BatchStateChanged.TYPE,
        BatchStateChanged.VERSION,
        batchId,
        new BatchStateChanged(
            batchId,
            "BATCH",
            packageId,
            "cam",
            "default",
            "2.0.0",
            state,
            Map.of("SUCCEEDED", 2L),
            abortRule ? "abort rule crossed" : null,
            at,
            previous,
            abortRule));
  }

  /** A device's job of a batch of {@code packageId} entered {@code state} in {@code attempt}. */
  public String job(
      String batchId,
      String packageId,
      String deviceName,
      JobState state,
      int attempt,
      Instant at) {
    return publish(
        JobTopics.JOB_EVENTS,
        JobStateChanged.TYPE,
        JobStateChanged.VERSION,
        "cam/" + deviceName,
        new JobStateChanged(
            batchId + "-" + deviceName,
            batchId,
            "cam",
            deviceName,
            packageId,
            "default",
            "1.0.0",
            "2.0.0",
            state,
            attempt,
            state == JobState.FAILED ? -3 : null,
            state == JobState.FAILED ? "install failed" : null,
            at));
  }

  /**
   * An operator decided ({@code ACCEPT} or {@code REJECT}) devices of a transfer of the package.
   */
  public String transfer(String transferId, String packageId, String action, Instant at) {
    return publish(
        BatchTopics.BATCH_EVENTS,
        TransferDecided.TYPE,
        TransferDecided.VERSION,
        transferId,
        new TransferDecided(
            transferId,
            action,
            packageId,
            "cam",
            "default",
            "1.0.0",
            "2.0.0",
            false,
            2,
            Map.of("PENDING", 2L, "AWAITING_REVIEW", 1L),
            "IN_PROGRESS",
            "ops-key",
            at));
  }

  /** A device of a transfer of the package ended ({@code SUCCEEDED}, {@code FAILED}, …). */
  public String transferDevice(
      String transferId, String packageId, String deviceName, String state, Instant at) {
    return publish(
        BatchTopics.BATCH_EVENTS,
        TransferDeviceEnded.TYPE,
        TransferDeviceEnded.VERSION,
        transferId,
        new TransferDeviceEnded(
            transferId,
            deviceName,
            state,
            packageId,
            "cam",
            "default",
            "1.0.0",
            "2.0.0",
            transferId + "-0",
            state.equals("FAILED") ? "install failed" : null,
            at));
  }

  /** A transfer of the package ended ({@code COMPLETED} or {@code CANCELED}). */
  public String transferEnded(String transferId, String packageId, String status, Instant at) {
    return publish(
        BatchTopics.BATCH_EVENTS,
        TransferEnded.TYPE,
        TransferEnded.VERSION,
        transferId,
        new TransferEnded(
            transferId,
            status,
            packageId,
            "cam",
            "default",
            "1.0.0",
            "2.0.0",
            Map.of("SUCCEEDED", 1L, "FAILED", 1L),
            at));
  }

  /** Publishes a raw value on a topic, as a broken producer might. */
  public void raw(String topic, String key, String value) {
    send(new ProducerRecord<>(topic, key, value));
  }

  private String publish(String topic, String type, int version, String subject, Object data) {
    String id = UUID.randomUUID().toString();
    EventEnvelope<Object> envelope =
        new EventEnvelope<>(id, type, version, "test", Instant.now(), subject, data);
    send(new ProducerRecord<>(topic, subject, JSON.writeValueAsString(envelope)));
    return id;
  }

  private void send(ProducerRecord<String, String> record) {
    try {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not publish to " + record.topic(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
