package io.upgradehub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.upgradehub.platform.net.Ports;
import io.upgradehub.testsupport.EmbeddedMongo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The infrastructure half of the platform, for real: a Kafka child JVM, Mongo and S3 servers. */
class PlatformInfrastructureIntegrationTests {

  private static final Set<Component> INFRASTRUCTURE =
      EnumSet.of(Component.MONGO, Component.S3, Component.KAFKA);

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private Platform start(Platform.Builder builder) {
    return builder
        .directory(dir)
        .components(INFRASTRUCTURE)
        .output(new PrintStream(output, true))
        .start();
  }

  @Test
  void servesKafkaMongoAndS3OnLoopbackAndFreesTheirPortsOnClose() throws Exception {
    Platform platform = start(Platform.builder().freePorts());
    try {
      assertThat(INFRASTRUCTURE).allMatch(platform::isStarted);
      assertThat(platform.isStarted(Component.GATEWAY)).isFalse();

      String topic = "platform-" + UUID.randomUUID();
      try (Admin admin = admin(platform)) {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      }
      produce(platform, topic, "device-1", "hello");
      assertThat(consumeOne(platform, topic).value()).isEqualTo("hello");

      // topics are declared by the services: the broker creates none on first use
      String undeclared = "undeclared-" + UUID.randomUUID();
      assertThatThrownBy(() -> produce(platform, undeclared, "device-1", "lost"))
          .hasCauseInstanceOf(TimeoutException.class);
      try (Admin admin = admin(platform)) {
        assertThat(admin.listTopics().names().get()).contains(topic).doesNotContain(undeclared);
      }

      try (MongoClient mongo = MongoClients.create(platform.mongoUri("it"))) {
        MongoCollection<Document> things = mongo.getDatabase("it").getCollection("things");
        things.insertOne(new Document("_id", "a").append("n", 1));
        assertThat(things.find(new Document("_id", "a")).first()).containsEntry("n", 1);
      }

      HttpResponse<String> s3 =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(platform.s3Endpoint()).build(),
                  HttpResponse.BodyHandlers.ofString());
      // an unsigned request reaches the S3 server and is refused by it
      assertThat(s3.statusCode()).isEqualTo(403);
      assertThat(s3.body()).contains("AccessDenied");
    } finally {
      platform.close();
    }

    assertThat(INFRASTRUCTURE).noneMatch(c -> Ports.isListening(platform.port(c)));
    assertThat(platform.logFile(Component.KAFKA)).exists();
  }

  @Test
  void keepsTopicsMessagesAndDocumentsAcrossARestart() throws Exception {
    List<Integer> ports = Ports.free(3);
    Platform.Builder sameEveryTime =
        Platform.builder()
            .port(Component.MONGO, ports.get(0))
            .port(Component.S3, ports.get(1))
            .port(Component.KAFKA, ports.get(2));

    try (Platform first = start(sameEveryTime)) {
      try (Admin admin = admin(first)) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
      }
      produce(first, "kept", "k", "survives");
      try (MongoClient mongo = MongoClients.create(first.mongoUri("it"))) {
        mongo.getDatabase("it").getCollection("kept").insertOne(new Document("_id", "doc"));
      }
    }

    try (Platform second = start(sameEveryTime)) {
      try (Admin admin = admin(second)) {
        assertThat(admin.listTopics().names().get()).contains("kept");
      }
      assertThat(consumeOne(second, "kept").value()).isEqualTo("survives");
      try (MongoClient mongo = MongoClients.create(second.mongoUri("it"))) {
        assertThat(mongo.getDatabase("it").getCollection("kept").countDocuments()).isEqualTo(1);
      }
    }
  }

  @Test
  void reusesAServerAlreadyListeningOnItsPortAndLeavesItRunning() {
    try (EmbeddedMongo existing = EmbeddedMongo.inMemory()) {
      Platform platform =
          Platform.builder()
              .directory(dir)
              .port(Component.MONGO, existing.port())
              .components(EnumSet.of(Component.MONGO))
              .output(new PrintStream(output, true))
              .start();

      assertThat(platform.isReused(Component.MONGO)).isTrue();
      assertThat(output.toString()).contains("already listening: reused");
      platform.close();

      assertThat(Ports.isListening(existing.port())).isTrue();
    }
  }

  private static Admin admin(Platform platform) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers()));
  }

  private static void produce(Platform platform, String topic, String key, String value)
      throws Exception {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // how long a send waits for its topic to appear
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static ConsumerRecord<String, String> consumeOne(Platform platform, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          return record;
        }
      }
    }
    throw new AssertionError("no record on " + topic);
  }
}
