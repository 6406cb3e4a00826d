package io.upgradehub.platform.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A child process whose stdout and stderr go to one log file. {@link #close()} asks it to stop
 * (SIGTERM, so Spring Boot and Kafka shut down gracefully) and kills it when it does not within the
 * grace period.
 */
public final class ChildProcess implements AutoCloseable {

  private static final Duration GRACE = Duration.ofSeconds(20);
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final Path logFile;
  private volatile boolean stopping;

  private ChildProcess(String name, Process process, Path logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code command} in {@code workingDirectory}. The previous log, if any, is kept as {@code
   * <log>.1}.
   *
   * @throws UncheckedIOException when the process cannot be started
   */
  public static ChildProcess start(
      String name, List<String> command, Path workingDirectory, Path logFile) {
    try {
      Files.createDirectories(workingDirectory);
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      if (Files.exists(logFile)) {
        Files.move(
            logFile,
            logFile.resolveSibling(logFile.getFileName() + ".1"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      Process process =
          new ProcessBuilder(command)
              .directory(workingDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      process.getOutputStream().close();
      return new ChildProcess(name, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /**
   * Runs {@code command} to completion, appending its output to {@code logFile}.
   *
   * @return the exit code
   * @throws IllegalStateException when it does not finish within {@code timeout}
   */
  public static int run(
      String name, List<String> command, Path workingDirectory, Path logFile, Duration timeout) {
    try {
      Files.createDirectories(workingDirectory);
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      Process process =
          new ProcessBuilder(command)
              .directory(workingDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not finish within " + timeout);
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + name, e);
    }
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** Calls {@code listener} with the exit code if the process ends without {@link #close()}. */
  public void onUnexpectedExit(Consumer<Integer> listener) {
    process
        .onExit()
        .thenAccept(
            exited -> {
              if (!stopping) {
                listener.accept(exited.exitValue());
              }
            });
  }

  /** The last {@code lines} lines of the log, for error messages; empty when there is no log. */
  public String logTail(int lines) {
    return tail(logFile, lines);
  }

  /** The last {@code lines} lines of {@code file}; empty when it cannot be read. */
  public static String tail(Path file, int lines) {
    Deque<String> last = new ArrayDeque<>(lines);
    try (Stream<String> stream = Files.lines(file, StandardCharsets.UTF_8)) {
      stream.forEach(
          line -> {
            if (last.size() == lines) {
              last.removeFirst();
            }
            last.addLast(line);
          });
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
    return String.join(System.lineSeparator(), last);
  }

  /**
   * Asks the process to stop (SIGTERM) without waiting, so that several children shut down in
   * parallel; {@link #close()} then waits.
   */
  public void requestStop() {
    stopping = true;
    process.destroy();
  }

  /**
   * Kills the process and whatever it started at once (SIGKILL on Unix), as a crash or an
   * out-of-memory kill would end it: no shutdown hook runs, nothing is flushed or closed. Waits
   * until it is gone; an exit this way is not reported as unexpected. Does nothing when it already
   * exited.
   *
   * @throws IllegalStateException when it is still alive 30 s later, or the wait is interrupted
   */
  public void kill() {
    stopping = true;
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      if (!process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + " is still alive " + KILL_WAIT + " after a kill");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + name, e);
    }
  }

  /** Stops the process and whatever it started, waiting at most the grace period before killing. */
  @Override
  public void close() {
    stopping = true;
    if (!process.isAlive()) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
