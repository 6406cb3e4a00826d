package io.upgradehub.adapter.product;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.products.ProductRegistered;
import io.upgradehub.events.products.ProductTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads inventory-service's product topic into {@link ProductCatalog}: every partition from the
 * beginning, without a consumer group (every instance needs every product), then keeps following
 * it.
 *
 * <p><b>Start order:</b> {@link #start()} returns only once the topic was read up to the end
 * offsets it had at start, and it runs in an earlier phase than the MQTT subscription, so no
 * message of a product registered before the adapter started is refused as unknown. A topic that
 * does not exist yet holds no product; it is looked for again while following.
 */
@Component
class ProductTopicReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProductTopicReader.class);
  private static final TypeReference<EventEnvelope<ProductRegistered>> REGISTERED =
      new TypeReference<>() {};
  private static final Duration LOOK_FOR_TOPIC_EVERY = Duration.ofSeconds(5);

  private final ProductCatalog catalog;
  private final KafkaProperties kafka;
  private final ProductTopicProperties properties;
  private final JsonMapper json = JsonMapper.builder().build();
  private volatile KafkaConsumer<String, String> consumer;
  private volatile Thread follower;

  ProductTopicReader(
      ProductCatalog catalog,
      KafkaProperties kafka,
      ProductTopicProperties properties,
      MeterRegistry meters) {
    this.catalog = catalog;
    this.kafka = kafka;
    this.properties = properties;
    Gauge.builder("upgradehub.products.known", catalog, ProductCatalog::size)
        .description("Products the adapter knows from the product topic")
        .register(meters);
  }

  @Override
  public void start() {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // inventory-service creates the topic compacted; reading must never create it plain
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    KafkaConsumer<String, String> created =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    consumer = created;
    try {
      loadToEnd(created);
    } catch (RuntimeException e) {
      created.close();
      throw e;
    }
    log.info("Read {} product(s) from {}", catalog.size(), ProductTopics.PRODUCT_EVENTS);
    Thread thread = new Thread(() -> follow(created), "product-topic");
    thread.setDaemon(true);
    follower = thread;
    thread.start();
  }

  /** Assigns every partition from its beginning and reads up to the end offsets of now. */
  private void loadToEnd(KafkaConsumer<String, String> reader) {
    long deadline = System.nanoTime() + properties.loadTimeout().toNanos();
    List<TopicPartition> partitions = assignAll(reader, properties.loadTimeout());
    Map<TopicPartition, Long> end = reader.endOffsets(partitions, properties.loadTimeout());
    while (!reachedEnd(reader, end)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Could not read "
                + ProductTopics.PRODUCT_EVENTS
                + " to its end within "
                + properties.loadTimeout());
      }
      apply(reader.poll(properties.pollTimeout()));
    }
  }

  /** Assigns every partition of the topic from its beginning; none when it does not exist. */
  private static List<TopicPartition> assignAll(
      KafkaConsumer<String, String> reader, Duration timeout) {
    List<TopicPartition> partitions =
        reader.partitionsFor(ProductTopics.PRODUCT_EVENTS, timeout).stream()
            .map(info -> new TopicPartition(info.topic(), info.partition()))
            .toList();
    reader.assign(partitions);
    reader.seekToBeginning(partitions);
    return partitions;
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, String> reader, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
  }

  private void follow(KafkaConsumer<String, String> reader) {
    long lookedForTopic = System.nanoTime();
    try {
      while (follower == Thread.currentThread()) {
        try {
          if (reader.assignment().isEmpty()
              && System.nanoTime() - lookedForTopic > LOOK_FOR_TOPIC_EVERY.toNanos()) {
            lookedForTopic = System.nanoTime();
            assignAll(reader, properties.pollTimeout());
          }
          if (reader.assignment().isEmpty()) {
            Thread.sleep(properties.pollTimeout().toMillis());
          } else {
            apply(reader.poll(properties.pollTimeout()));
          }
        } catch (WakeupException | InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // Kafka unreachable for a while: the consumer reconnects by itself; keep what we know
          log.warn("Reading {} failed, retrying: {}", ProductTopics.PRODUCT_EVENTS, e.toString());
        }
      }
    } finally {
      reader.close();
    }
  }

  private void apply(Iterable<ConsumerRecord<String, String>> records) {
    for (ConsumerRecord<String, String> record : records) {
      if (record.value() == null) {
        continue; // a tombstone: products are never removed in v1
      }
      try {
        EventEnvelope<ProductRegistered> envelope = json.readValue(record.value(), REGISTERED);
        if (ProductRegistered.TYPE.equals(envelope.type())
            && envelope.data().productKey() != null) {
          catalog.apply(envelope.data());
        }
      } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
        log.warn(
            "Skipped an unreadable product event at offset {}: {}", record.offset(), e.toString());
      }
    }
  }

  @Override
  public void stop() {
    Thread running = follower;
    follower = null;
    KafkaConsumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    if (running != null) {
      try {
        running.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return follower != null;
  }

  /** Before the MQTT subscription (phase {@code DEFAULT_PHASE - 100}) starts, after it stops. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 200;
  }
}
