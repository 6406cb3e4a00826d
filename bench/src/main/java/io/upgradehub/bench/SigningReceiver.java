package io.upgradehub.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.upgradehub.testsupport.WebhookSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * A healthy webhook receiver in the bench JVM: the JDK's HTTP server with a pool of {@code threads}
 * (WireMock, the tests' receiver, would not keep up with thousands of requests a second on two
 * cores). It checks each message as a receiver following the Standard Webhooks specification would,
 * with the tests' check ({@link WebhookSignatures}, written from the specification rather than from
 * the service's code). A valid message is answered 204, any other 401 (so a bad signature would
 * show as a retry in the records too), and counted in the current {@link Tally}.
 */
final class SigningReceiver implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile String token;
  private volatile Tally tally = new Tally();

  private SigningReceiver(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on a free port of {@code host}, answering on {@code threads} threads. */
  static SigningReceiver start(String host, int threads) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 1024);
      AtomicInteger n = new AtomicInteger();
      ExecutorService executor =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "receiver-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      SigningReceiver receiver = new SigningReceiver(server, executor);
      server.createContext("/", receiver::handle);
      server.setExecutor(executor);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where to send messages to it. */
  URI url(String path) {
    InetSocketAddress address = server.getAddress();
    return URI.create(
        "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + path);
  }

  /** The notification's token, whose key every message must be signed with from now on. */
  void token(String token) {
    this.token = token;
  }

  /** Counts what arrives from now on in a new tally, and returns it. */
  Tally newTally() {
    Tally fresh = new Tally();
    tally = fresh;
    return fresh;
  }

  private void handle(HttpExchange exchange) throws IOException {
    long receivedNanos = System.nanoTime();
    Instant receivedAt = Instant.now();
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Headers headers = exchange.getRequestHeaders();
      String id = headers.getFirst("webhook-id");
      String token = this.token;
      boolean valid =
          token != null
              && WebhookSignatures.verifies(
                  id,
                  headers.getFirst("webhook-timestamp"),
                  headers.getFirst("webhook-signature"),
                  new String(body, StandardCharsets.UTF_8),
                  token);
      tally.record(id, valid, receivedNanos, delayMicros(body, receivedAt));
      exchange.sendResponseHeaders(valid ? 204 : 401, -1);
    }
  }

  /** Receive time less the event's time ({@code data.at}); -1 when the body has none. */
  private static long delayMicros(byte[] body, Instant receivedAt) {
    try {
      String at = JSON.readTree(body).path("data").path("at").asString("");
      return at.isEmpty() ? -1 : Duration.between(Instant.parse(at), receivedAt).toNanos() / 1000;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** What one receiver got over a phase of a run. */
  static final class Tally {
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
    private final Histogram delays = new ConcurrentHistogram(3);

    private void record(String id, boolean valid, long nanos, long delayMicros) {
      requests.incrementAndGet();
      if (!valid) {
        badSignatures.incrementAndGet();
        return;
      }
      if (!ids.add(id)) {
        duplicates.incrementAndGet();
      }
      first.accumulateAndGet(nanos, Math::min);
      last.accumulateAndGet(nanos, Math::max);
      if (delayMicros >= 0) {
        delays.recordValue(delayMicros);
      }
    }

    /** Messages received with a valid signature, each id once. */
    long distinct() {
      return ids.size();
    }

    long requests() {
      return requests.get();
    }

    /** Valid messages whose id had come before. */
    long duplicates() {
      return duplicates.get();
    }

    long badSignatures() {
      return badSignatures.get();
    }

    /** {@link System#nanoTime()} of the first valid message; {@code Long.MAX_VALUE} before it. */
    long firstNanos() {
      return first.get();
    }

    /** {@link System#nanoTime()} of the latest valid message. */
    long lastNanos() {
      return last.get();
    }

    /** Receive time less {@code data.at}, in microseconds. */
    Histogram delays() {
      return delays;
    }
  }
}
