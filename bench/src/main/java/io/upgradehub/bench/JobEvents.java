package io.upgradehub.bench;

import io.upgradehub.events.EventEnvelope;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events notification-service reads, in the envelopes, on the topics and with the
 * keys of their producers (package-service, campaign-service), so that the benchmark needs neither
 * service: a package's {@code package.created}, then its devices' {@code job.state-changed} to
 * SUCCEEDED as fast as the producer batches them (or at a set rate).
 */
final class JobEvents implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final KafkaProducer<String, String> producer;

  JobEvents(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                // large batches: the run's events must reach the service faster than it delivers
                ProducerConfig.LINGER_MS_CONFIG,
                "10",
                ProducerConfig.BATCH_SIZE_CONFIG,
                Integer.toString(512 * 1024)),
            new StringSerializer(),
            new StringSerializer());
  }

  /** Publishes a package of {@code productKey} and waits for the broker's acknowledgement. */
  void packageCreated(String packageId, String productKey) {
    PackageCreated created =
        new PackageCreated(
            packageId,
            packageId,
            "FULL",
            productKey,
            "default",
            "2.0.0",
            List.of(),
            4096,
            "00",
            "00",
            "sig",
            "Ed25519",
            "VERIFIED",
            true,
            Instant.now());
    try {
      producer
          .send(
              record(
                  PackageTopics.PACKAGE_EVENTS,
                  PackageTopics.SOURCE,
                  PackageCreated.TYPE,
                  PackageCreated.VERSION,
                  packageId,
                  created))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not publish package " + packageId, e);
    }
  }

  /**
   * Publishes that the jobs of {@code devices} devices ({@code dev-0000000}…) of a batch of {@code
   * packageId} SUCCEEDED, each event's {@code at} the moment it is handed to the producer; at most
   * {@code perSecond} a second (0: no limit). Returns once the broker acknowledged them all.
   *
   * @throws IllegalStateException when the broker refused one
   */
  void jobsSucceeded(
      String batchId, String packageId, String productKey, int devices, int perSecond) {
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    for (int i = 0; i < devices; i++) {
      if (perSecond > 0) {
        long due = start + i * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      String device = String.format("dev-%07d", i);
      JobStateChanged succeeded =
          new JobStateChanged(
              batchId + "-" + device,
              batchId,
              productKey,
              device,
              packageId,
              "default",
              "1.0.0",
              "2.0.0",
              JobState.SUCCEEDED,
              1,
              null,
              null,
              Instant.now());
      producer.send(
          record(
              JobTopics.JOB_EVENTS,
              JobTopics.SOURCE,
              JobStateChanged.TYPE,
              JobStateChanged.VERSION,
              productKey + "/" + device,
              succeeded),
          (metadata, e) -> {
            if (e != null) {
              failed.incrementAndGet();
            }
          });
    }
    producer.flush();
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " job events were not published");
    }
  }

  /** An envelope as the producing services send it, keyed by its subject. */
  private static ProducerRecord<String, String> record(
      String topic, String source, String type, int version, String subject, Object data) {
    EventEnvelope<Object> envelope =
        new EventEnvelope<>(
            UUID.randomUUID().toString(), type, version, source, Instant.now(), subject, data);
    return new ProducerRecord<>(topic, subject, JSON.writeValueAsString(envelope));
  }

  @Override
  public void close() {
    producer.close();
  }
}
