package io.upgradehub.testsupport;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One embedded MongoDB-protocol server, S3 server and Kafka broker per test JVM, started on first
 * use, so that every Spring test context of a module shares them. They live as long as the JVM and
 * are not closed in a shutdown hook: the test contexts' own hooks still talk to them while the JVM
 * exits (a Kafka producer waits 30 s for a broker that went first), and the threads die with it.
 *
 * <p>Use from a test class:
 *
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *   SharedInfrastructure.register("packages", registry::add);
 * }
 * }</pre>
 */
public final class SharedInfrastructure {

  private static EmbeddedMongo mongo;
  private static EmbeddedS3 s3;
  private static EmbeddedKafka kafka;

  private SharedInfrastructure() {}

  public static synchronized EmbeddedMongo mongo() {
    if (mongo == null) {
      mongo = EmbeddedMongo.inMemory();
    }
    return mongo;
  }

  public static synchronized EmbeddedS3 s3() {
    if (s3 == null) {
      Path dir =
          Path.of(System.getProperty("java.io.tmpdir"), "s3-" + ProcessHandle.current().pid());
      s3 = EmbeddedS3.start(dir);
    }
    return s3;
  }

  public static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start();
    }
    return kafka;
  }

  /**
   * Registers the Spring properties that point a service at the shared infrastructure: {@code
   * spring.mongodb.uri}, {@code spring.kafka.bootstrap-servers} and {@code upgradehub.storage.*}.
   *
   * @param database the MongoDB database the service owns
   * @param registry where to put each property, typically {@code DynamicPropertyRegistry::add}
   */
  public static void register(String database, BiConsumer<String, Supplier<Object>> registry) {
    registry.accept("spring.mongodb.uri", () -> mongo().connectionString(database));
    registry.accept("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
    registry.accept("upgradehub.storage.endpoint", () -> s3().endpoint().toString());
    registry.accept("upgradehub.storage.access-key", () -> s3().accessKey());
    registry.accept("upgradehub.storage.secret-key", () -> s3().secretKey());
  }
}
