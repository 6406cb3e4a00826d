package io.upgradehub.platform.service;

import io.upgradehub.platform.process.ChildProcess;
import io.upgradehub.platform.process.JavaCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spring Boot service run as a child JVM from its executable jar, bound to 127.0.0.1, with the
 * {@code local} profile. Ready when {@code /actuator/health/readiness} answers 200.
 */
public final class BootService implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final ChildProcess process;
  private final URI baseUrl;

  private BootService(String name, ChildProcess process, URI baseUrl) {
    this.name = name;
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /**
   * Launches the service without waiting for it.
   *
   * @param properties Spring properties as {@code key=value}, passed as {@code --key=value}
   * @param workingDirectory the child's working and temp directory
   * @throws IllegalStateException when the jar does not exist
   */
  public static BootService launch(
      String name,
      Path jar,
      int port,
      List<String> properties,
      Path workingDirectory,
      Path logFile,
      String heap) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          name
              + "'s jar is missing at "
              + jar.toAbsolutePath()
              + "; build it first (mvn -B -DskipTests install)");
    }
    Path tmp = workingDirectory.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> arguments = new ArrayList<>();
    arguments.add("--spring.profiles.active=local");
    arguments.add("--server.port=" + port);
    arguments.add("--server.address=127.0.0.1");
    properties.forEach(p -> arguments.add("--" + p));
    JavaCommand command =
        JavaCommand.jar(jar)
            .heap("64m", heap)
            .systemProperty("java.io.tmpdir", tmp.toAbsolutePath().toString())
            .arguments(arguments);
    ChildProcess process = ChildProcess.start(name, command.toList(), workingDirectory, logFile);
    return new BootService(name, process, URI.create("http://127.0.0.1:" + port));
  }

  /**
   * Waits until the readiness probe answers 200.
   *
   * @throws IllegalStateException when the service exits or is not ready within {@code timeout},
   *     with the tail of its log
   */
  public void awaitReady(Duration timeout) {
    awaitReady(name, baseUrl, timeout, process);
  }

  /**
   * Waits until {@code baseUrl}'s readiness probe answers 200; {@code process} may be null for a
   * service this launcher did not start.
   */
  public static void awaitReady(String name, URI baseUrl, Duration timeout, ChildProcess process) {
    HttpRequest probe =
        HttpRequest.newBuilder(baseUrl.resolve("/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(3))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    int lastStatus = -1;
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        throw new IllegalStateException(failure(name, "exited during start", process));
      }
      try {
        lastStatus = HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (lastStatus == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
      sleep();
    }
    String what =
        "was not ready within "
            + timeout
            + (lastStatus > 0 ? " (readiness answered " + lastStatus + ")" : "");
    throw new IllegalStateException(failure(name, what, process));
  }

  private static String failure(String name, String what, ChildProcess process) {
    if (process == null) {
      return name + " at its port " + what;
    }
    return name + " " + what + "; last lines of " + process.logFile() + ":\n" + process.logTail(40);
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public ChildProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
