package io.upgradehub.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from its beginning in a consumer group of its own, for tests that check what a
 * service published.
 */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;

  public TopicReader(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of(topic));
  }

  /**
   * Polls until {@code expected} records keyed {@code key} arrived or the time is up; what was read
   * of other keys is gone.
   *
   * @return the records keyed {@code key} read in that time, in order, possibly fewer or more
   */
  public List<ConsumerRecord<String, String>> keyed(String key, int expected, Duration within) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (found.size() < expected && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        if (key.equals(record.key())) {
          found.add(record);
        }
      }
    }
    return found;
  }

  /** Every record that arrives within {@code within}, of any key, in order. */
  public List<ConsumerRecord<String, String>> all(Duration within) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(found::add);
    }
    return found;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
