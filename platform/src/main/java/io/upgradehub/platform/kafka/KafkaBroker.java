package io.upgradehub.platform.kafka;

import io.upgradehub.platform.net.Ports;
import io.upgradehub.platform.process.ChildProcess;
import io.upgradehub.platform.process.JavaCommand;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Apache Kafka broker in KRaft mode, run as a child JVM from the jars in {@code kafka-lib}
 * (see the platform module's pom), so Kafka's classpath never mixes with the launcher's. Storage is
 * formatted once; topics survive restarts, including {@link #stop()} and {@link #start(Duration)}
 * of the same instance (same ports, same log directory), which tests use to take Kafka away from
 * the running services.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration PORT_RELEASE_TIMEOUT = Duration.ofSeconds(30);
  // logged at INFO by the log4j configuration below once the broker serves requests
  private static final String STARTED_LINE = "Kafka Server started";

  private final List<String> command;
  private final Path directory;
  private final Path logFile;
  private final int port;
  private volatile ChildProcess process;
  private volatile boolean closed;

  private KafkaBroker(List<String> command, Path directory, Path logFile, int port) {
    this.command = command;
    this.directory = directory;
    this.logFile = logFile;
    this.port = port;
    this.process = ChildProcess.start("kafka", command, directory, logFile);
  }

  /**
   * Formats the storage under {@code directory/data} if needed and launches the broker; does not
   * wait for it (see {@link #awaitReady(Duration)}).
   *
   * @param directory the broker's home: {@code data/}, {@code server.properties}, {@code
   *     log4j2.properties}
   * @param libDirectory the broker's jars
   * @param logFile where the broker's output goes
   * @param heap the maximum heap, for example {@code 512m}
   * @throws IllegalStateException when the jars are missing or formatting fails (with the log's
   *     tail)
   */
  public static KafkaBroker launch(
      Path directory, int port, int controllerPort, Path libDirectory, Path logFile, String heap) {
    String classpath = classpath(libDirectory);
    KafkaBrokerConfig config =
        new KafkaBrokerConfig(port, controllerPort, directory.resolve("data"));
    Path serverProperties = directory.resolve("server.properties");
    Path log4j = directory.resolve("log4j2.properties");
    try {
      Files.createDirectories(config.logDirectory());
      Files.writeString(serverProperties, config.toPropertiesFile());
      Files.writeString(log4j, LOG4J2_PROPERTIES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!Files.exists(config.logDirectory().resolve("meta.properties"))) {
      // its own log: the broker's log is rotated when the broker starts
      format(
          directory,
          classpath,
          serverProperties,
          log4j,
          logFile.resolveSibling("kafka-storage-format.log"));
    }
    JavaCommand command =
        JavaCommand.mainClass(classpath, "kafka.Kafka")
            .heap("64m", heap)
            .systemProperty("log4j2.configurationFile", log4j.toAbsolutePath().toString())
            .systemProperty("kafka.logs.dir", directory.resolve("logs").toAbsolutePath().toString())
            .systemProperty("java.io.tmpdir", tmp(directory))
            .argument(serverProperties.toAbsolutePath().toString());
    return new KafkaBroker(command.toList(), directory, logFile, port);
  }

  private static void format(
      Path directory, String classpath, Path serverProperties, Path log4j, Path logFile) {
    List<String> command =
        JavaCommand.mainClass(classpath, "kafka.tools.StorageTool")
            .heap("32m", "256m")
            .systemProperty("log4j2.configurationFile", log4j.toAbsolutePath().toString())
            .systemProperty("java.io.tmpdir", tmp(directory))
            .arguments(
                List.of(
                    "format",
                    "-t",
                    ClusterId.random(),
                    "-c",
                    serverProperties.toAbsolutePath().toString()))
            .toList();
    int exit =
        ChildProcess.run("kafka-storage-format", command, directory, logFile, FORMAT_TIMEOUT);
    if (exit != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage failed (exit "
              + exit
              + "); last lines of "
              + logFile
              + ":\n"
              + ChildProcess.tail(logFile, 30));
    }
  }

  private static String tmp(Path directory) {
    Path tmp = directory.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tmp.toAbsolutePath().toString();
  }

  private static String classpath(Path libDirectory) {
    if (!Files.isDirectory(libDirectory)) {
      throw new IllegalStateException(
          "Kafka's jars are missing at "
              + libDirectory.toAbsolutePath()
              + "; build the platform module first (mvn -pl platform package)");
    }
    try (Stream<Path> jars = Files.list(libDirectory)) {
      String classpath =
          jars.filter(p -> p.toString().endsWith(".jar"))
              .sorted()
              .map(p -> p.toAbsolutePath().toString())
              .collect(Collectors.joining(File.pathSeparator));
      if (classpath.isEmpty()) {
        throw new IllegalStateException("no jars in " + libDirectory.toAbsolutePath());
      }
      return classpath;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the broker accepts connections and has logged that it started: the port alone may
   * take connections before the broker serves them.
   *
   * @throws IllegalStateException when the broker exits or is not up within {@code timeout}, with
   *     the tail of its log
   */
  public void awaitReady(Duration timeout) {
    ChildProcess current = process;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!current.isAlive()) {
        throw new IllegalStateException(failure("exited during start"));
      }
      if (Ports.isListening(port) && current.logTail(200).contains(STARTED_LINE)) {
        return;
      }
      sleep();
    }
    throw new IllegalStateException(failure("was not ready within " + timeout));
  }

  /**
   * Stops the broker as {@link #close()} does (gracefully, killed after a grace period) and waits
   * until its port is free; its data stays for {@link #start(Duration)}. Does nothing when it is
   * already stopped.
   *
   * @throws IllegalStateException when the port is still taken 30 s after the broker exited
   */
  public synchronized void stop() {
    process.close();
    long deadline = System.nanoTime() + PORT_RELEASE_TIMEOUT.toNanos();
    while (Ports.isListening(port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Kafka's port " + port + " is still taken after the broker stopped");
      }
      sleep();
    }
  }

  /**
   * Starts the broker again after {@link #stop()}, with the same command (ports, log directory,
   * heap), and waits until it is ready; when it runs, only waits.
   *
   * @throws IllegalStateException when it is closed, or does not come up within {@code timeout}
   */
  public synchronized void start(Duration timeout) {
    if (closed) {
      throw new IllegalStateException("Kafka broker is closed");
    }
    if (!process.isAlive()) {
      process = ChildProcess.start("kafka", command, directory, logFile);
      if (closed) {
        // close() ran while this one launched: it must not outlive the platform
        process.close();
        throw new IllegalStateException("Kafka broker was closed while starting");
      }
    }
    awaitReady(timeout);
  }

  private String failure(String what) {
    return "Kafka broker "
        + what
        + "; last lines of "
        + process.logFile()
        + ":\n"
        + process.logTail(40);
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The broker's current process: a new one after each {@link #start(Duration)} that launched. */
  public ChildProcess process() {
    return process;
  }

  // not synchronized: a shutdown hook must not wait for a start() to finish waiting
  @Override
  public void close() {
    closed = true;
    process.close();
  }

  // WARN keeps the log readable; the one INFO line says when the broker is up
  private static final String LOG4J2_PROPERTIES =
      """
      status = warn
      appender.console.type = Console
      appender.console.name = STDOUT
      appender.console.layout.type = PatternLayout
      appender.console.layout.pattern = [%d] %p %m (%c)%n
      rootLogger.level = warn
      rootLogger.appenderRef.stdout.ref = STDOUT
      logger.started.name = kafka.server.KafkaRaftServer
      logger.started.level = info
      """;
}
