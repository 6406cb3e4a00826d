package io.upgradehub.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server standing in for a service behind the gateway: it answers every request with
 * what it received (method, path, query, headers, body size and CRC-32), reading the body as a
 * stream so that large uploads are counted, not held.
 */
public final class EchoServer implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor;
  private final Set<String> paths = ConcurrentHashMap.newKeySet();

  private EchoServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts on a free port of the loopback interface. */
  public static EchoServer start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4);
      EchoServer echo = new EchoServer(server, executor);
      server.createContext("/", echo::echo);
      server.setExecutor(executor);
      server.start();
      return echo;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Whether any request with this exact path reached the server. */
  public boolean received(String path) {
    return paths.contains(path);
  }

  private void echo(HttpExchange exchange) throws IOException {
    try (exchange) {
      long count = 0;
      CRC32 crc = new CRC32();
      byte[] buffer = new byte[64 * 1024];
      try (InputStream body = exchange.getRequestBody()) {
        for (int n; (n = body.read(buffer)) != -1; ) {
          count += n;
          crc.update(buffer, 0, n);
        }
      }
      String path = exchange.getRequestURI().getRawPath();
      paths.add(path);
      Map<String, List<String>> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
      byte[] answer =
          JSON.writeValueAsBytes(
              new Echo(
                  exchange.getRequestMethod(),
                  path,
                  exchange.getRequestURI().getRawQuery(),
                  headers,
                  count,
                  crc.getValue()));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      // like a service that echoes the request id: the gateway must not answer it twice
      String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
      if (requestId != null) {
        exchange.getResponseHeaders().set("X-Request-Id", requestId);
      }
      if ("HEAD".equals(exchange.getRequestMethod())) {
        // a HEAD answer has no body: -1 tells the JDK server so, and nothing is written
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        return;
      }
      exchange.sendResponseHeaders(200, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /**
   * What the echo server received.
   *
   * @param headers by lower-case name
   */
  public record Echo(
      String method,
      String path,
      String query,
      Map<String, List<String>> headers,
      long bodyBytes,
      long bodyCrc32) {

    /** The values of a header, empty when absent. */
    public List<String> header(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }
}
