package io.upgradehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Mosquitto broker of the benchmark's own, a child process on a free port: the installed {@code
 * mosquitto} binary with a generated configuration that lifts the per-client limits (the defaults
 * let one client hold 20 unacknowledged QoS 1 messages and queue 1,000, and drop the rest), so that
 * the figures measure the platform, not the broker's defaults. Anonymous, loopback only, no
 * persistence; the configuration and the broker's log ({@code mosquitto.out}) are kept in {@code
 * directory}.
 */
final class MosquittoProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(10);

  /** Unacknowledged QoS 1 messages per client: under the adapter's receive maximum (1,000). */
  static final int MAX_INFLIGHT = 100;

  private final Process process;
  private final int port;

  private MosquittoProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static MosquittoProcess start(Path directory) throws IOException, InterruptedException {
    Files.createDirectories(directory);
    int port = freePort();
    Path config = directory.resolve("mosquitto.conf");
    Files.writeString(
        config,
        String.join(
            "\n",
            "listener " + port + " 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            // 0 (no maximum) would be the obvious value, but then Mosquitto 2.0.11 also ignores
            // the client's MQTT 5 receive maximum and overruns the adapter's (which disconnects)
            "max_inflight_messages " + MAX_INFLIGHT,
            "max_queued_messages 1000000",
            "max_queued_bytes 0",
            "set_tcp_nodelay true",
            // stdout, redirected to a file: a root-started Mosquitto drops to its own user, which
            // may not write here
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            "log_type notice",
            ""));
    Process process =
        new ProcessBuilder("mosquitto", "-c", config.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("mosquitto.out").toFile())
            .start();
    // also when the run is interrupted (Ctrl-C): no broker left behind
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    MosquittoProcess broker = new MosquittoProcess(process, port);
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!broker.listening()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        broker.close();
        throw new IllegalStateException(
            "mosquitto did not start (see " + directory.resolve("mosquitto.out") + ")");
      }
      Thread.sleep(100);
    }
    return broker;
  }

  int port() {
    return port;
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
