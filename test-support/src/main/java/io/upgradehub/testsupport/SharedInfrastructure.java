package io.upgradehub.testsupport;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One embedded MongoDB-protocol server, S3 server and Kafka broker per test JVM, started on first
 * use and stopped when the JVM exits, so that every Spring test context of a module shares them.
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
      closeOnExit(mongo);
    }
    return mongo;
  }

  public static synchronized EmbeddedS3 s3() {
    if (s3 == null) {
      Path dir =
          Path.of(System.getProperty("java.io.tmpdir"), "s3-" + ProcessHandle.current().pid());
      s3 = EmbeddedS3.start(dir);
      closeOnExit(s3);
    }
    return s3;
  }

  public static synchronized EmbeddedKafka kafka() {
    if (kafka == null) {
      kafka = EmbeddedKafka.start();
      closeOnExit(kafka);
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

  private static void closeOnExit(AutoCloseable closeable) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    closeable.close();
                  } catch (Exception ignored) {
                    // the JVM is going away; nothing left to protect
                  }
                }));
  }
}
