package io.upgradehub.testsupport;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * A real MQTT broker (HiveMQ Community Edition, embedded) speaking MQTT 3.1.1 and MQTT 5 on plain
 * TCP at {@code 127.0.0.1}, with anonymous access, shared subscriptions, and anonymous usage
 * statistics switched off. Its configuration and data live in a fresh directory under {@code
 * java.io.tmpdir}, removed by {@link #close()}.
 *
 * <p>To simulate a broker restart, {@link #close()} one and {@link #start(int)} another on the same
 * {@link #port()}: sessions and queued messages do not survive (the data directory is new).
 *
 * <p>Needs {@code com.hivemq:hivemq-community-edition-embedded} on the class path: test-support
 * declares it optional, so a module that starts a broker declares it itself.
 */
public final class EmbeddedMqtt implements AutoCloseable {

  private final EmbeddedHiveMQ broker;
  private final Path directory;
  private final int port;

  private EmbeddedMqtt(EmbeddedHiveMQ broker, Path directory, int port) {
    this.broker = broker;
    this.directory = directory;
    this.port = port;
  }

  /** Starts a broker on a free port. */
  public static EmbeddedMqtt start() {
    return start(0);
  }

  /**
   * Starts a broker on {@code port}, or on a free one when {@code port} is 0; returns once it
   * accepts connections (about 3 s).
   *
   * @throws IllegalStateException when the broker cannot start, for example the port is taken
   */
  public static EmbeddedMqtt start(int port) {
    int chosen = port == 0 ? freePort() : port;
    Path directory;
    try {
      directory =
          Files.createTempDirectory(
              Path.of(System.getProperty("java.io.tmpdir")), "mqtt-" + chosen + "-");
      Path config = Files.createDirectories(directory.resolve("conf"));
      Files.createDirectories(directory.resolve("data"));
      Files.createDirectories(directory.resolve("extensions"));
      Files.writeString(config.resolve("config.xml"), config(chosen), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the MQTT broker's directory", e);
    }
    EmbeddedHiveMQ broker =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(directory.resolve("conf"))
            .withDataFolder(directory.resolve("data"))
            .withExtensionsFolder(directory.resolve("extensions"))
            // keep the caller's logging configuration
            .withoutLoggingBootstrap()
            .build();
    try {
      broker.start().join();
    } catch (RuntimeException e) {
      closeQuietly(broker);
      delete(directory);
      throw new IllegalStateException("the MQTT broker did not start on port " + chosen, e);
    }
    return new EmbeddedMqtt(broker, directory, chosen);
  }

  /** The port the broker listens on, at 127.0.0.1. */
  public int port() {
    return port;
  }

  /** {@code tcp://127.0.0.1:{port}}: the form of {@code upgradehub.mqtt.uri}. */
  public URI uri() {
    return URI.create("tcp://127.0.0.1:" + port);
  }

  /** How many client connections the broker holds now (its own connection gauge). */
  public long connections() {
    return ((Number)
            broker
                .getMetricRegistry()
                .getGauges()
                .get("com.hivemq.networking.connections.current")
                .getValue())
        .longValue();
  }

  /** Stops the broker (clients see the connection drop) and deletes its directory. */
  @Override
  public void close() {
    closeQuietly(broker);
    delete(directory);
  }

  private static String config(int port) {
    return """
        <?xml version="1.0"?>
        <hivemq>
          <listeners>
            <tcp-listener>
              <port>%d</port>
              <bind-address>127.0.0.1</bind-address>
            </tcp-listener>
          </listeners>
          <anonymous-usage-statistics>
            <enabled>false</enabled>
          </anonymous-usage-statistics>
        </hivemq>
        """
        .formatted(port);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void closeQuietly(EmbeddedHiveMQ broker) {
    try {
      broker.close();
    } catch (ExecutionException e) {
      // stopping failed half-way; the port is released with the JVM at the latest
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind under target/ is harmless
    }
  }
}
