package io.upgradehub.outbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Real Kafka and the embedded MongoDB-protocol server, with fresh topics and collections. */
final class OutboxFixture implements AutoCloseable {

  static final String SERVICE = "test-service";

  final JsonMapper json = JsonMapper.builder().build();
  final Clock clock = Clock.systemUTC();
  private final MongoClient mongo =
      MongoClients.create(SharedInfrastructure.mongo().connectionString("outbox"));
  private final DefaultKafkaProducerFactory<String, String> producers =
      new DefaultKafkaProducerFactory<>(
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              SharedInfrastructure.kafka().bootstrapServers(),
              ProducerConfig.ACKS_CONFIG,
              "all",
              ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
              true),
          new StringSerializer(),
          new StringSerializer());
  final KafkaTemplate<String, String> kafka = new KafkaTemplate<>(producers);
  private final List<OutboxRelay> relays = new ArrayList<>();

  /** A new collection and a new topic (3 partitions) as a source of {@link #SERVICE}. */
  OutboxSource source() {
    String name = "c" + UUID.randomUUID().toString().replace("-", "");
    MongoCollection<Document> collection = mongo.getDatabase("outbox").getCollection(name);
    return new OutboxSource(SERVICE, collection, topic());
  }

  /** A new topic with 3 partitions. */
  String topic() {
    String topic = "outbox-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return topic;
  }

  static OutboxProperties properties(@Nullable Duration sweepInterval, Duration lease) {
    return new OutboxProperties(
        true, Duration.ofMillis(200), lease, Duration.ofSeconds(10), sweepInterval, 100_000);
  }

  /** A relay over {@code outbox}, started; stopped by {@link #close()}. */
  OutboxRelay start(Outbox outbox, OutboxProperties properties) {
    OutboxRelay relay =
        new OutboxRelay(outbox, kafka, properties, clock, new SimpleMeterRegistry());
    relay.start();
    relays.add(relay);
    return relay;
  }

  Outbox outbox(OutboxSource... sources) {
    return new Outbox(json, List.of(sources), 100_000, Duration.ofSeconds(30));
  }

  @Override
  public void close() {
    relays.forEach(OutboxRelay::stop);
    producers.destroy();
    mongo.close();
  }
}
