package io.upgradehub.bench;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Imports a product's fleet through the gateway's bulk import (a CSV generated as it is sent), then
 * measures the version distribution query through the gateway: sequential requests after a warm-up,
 * latencies in an HdrHistogram. Starts only what the two need: MongoDB (mongo-java-server, in this
 * JVM), Kafka, inventory-service and the gateway.
 *
 * <p>Arguments ({@code --name=value}): {@code devices} (1000000), {@code requests} (10000), {@code
 * warmup} (1000), {@code service-heap} (384m, the services' -Xmx).
 */
public final class DistributionBenchmark {

  private static final long MIB = 1024 * 1024;

  private DistributionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    long devices = Long.parseLong(options.getOrDefault("devices", "1000000"));
    int requests = Integer.parseInt(options.getOrDefault("requests", "10000"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "1000"));
    String heap = options.getOrDefault("service-heap", "384m");
    Path directory = Files.createTempDirectory("upgradehub-bench");
    ApiKey key = ApiKey.generate("bench", "admin");

    try (Platform platform =
        Platform.builder()
            .directory(directory)
            .freePorts()
            .components(
                EnumSet.of(
                    Component.MONGO,
                    Component.KAFKA,
                    Component.INVENTORY_SERVICE,
                    Component.GATEWAY))
            .apiKey(key)
            .adminKeyFile(false)
            .seedDemoData(false)
            .serviceHeap(heap)
            .start()) {
      System.out.printf(
          "platform up in %.1f s (services at -Xmx%s)%n",
          platform.startupDuration().toMillis() / 1000.0, heap);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      URI gateway = platform.gatewayUrl();
      String productKey = "bench-fleet";
      HttpResponse<String> product =
          http.send(
              authorized(gateway.resolve("/api/v1/products"), key)
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"productKey\":\""
                              + productKey
                              + "\",\"name\":\"Bench fleet\",\"modules\":[{\"name\":\"mcu\"}]}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      require(product, 201);

      URI inventory = URI.create("http://127.0.0.1:" + platform.port(Component.INVENTORY_SERVICE));
      HttpResponse<String> imported;
      long importNanos;
      long heapBefore;
      long heapPeak;
      try (HeapSampler sampler = new HeapSampler(inventory, Duration.ofMillis(200))) {
        heapBefore = sampler.usedHeap();
        sampler.start();
        long start = System.nanoTime();
        imported =
            http.send(
                authorized(
                        gateway.resolve("/api/v1/products/" + productKey + "/devices/import"), key)
                    .header("Content-Type", "text/csv")
                    .timeout(Duration.ofHours(2))
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedFleet(devices)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        importNanos = System.nanoTime() - start;
        heapPeak = sampler.peak();
      }
      require(imported, 200);
      System.out.printf(
          "import of %,d devices through the gateway: %.1f s (%,.0f devices/s); inventory-service"
              + " heap used %d -> peak %d MiB%n  answer: %s%n",
          devices,
          importNanos / 1e9,
          devices / (importNanos / 1e9),
          heapBefore / MIB,
          heapPeak / MIB,
          abbreviated(imported.body()));

      URI distribution =
          gateway.resolve(
              "/api/v1/products/" + productKey + "/version-distribution?module=default");
      HttpRequest query = authorized(distribution, key).GET().build();
      HttpResponse<String> first = http.send(query, HttpResponse.BodyHandlers.ofString());
      require(first, 200);
      if (!first.body().contains("\"total\":" + devices + ",")) {
        throw new IllegalStateException(
            "the distribution does not count every device: " + first.body());
      }
      System.out.println("  distribution: " + first.body());
      for (int i = 0; i < warmup; i++) {
        require(http.send(query, HttpResponse.BodyHandlers.ofString()), 200);
      }
      Histogram latencies = new Histogram(60_000_000L, 3);
      for (int i = 0; i < requests; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(query, HttpResponse.BodyHandlers.ofString());
        latencies.recordValue((System.nanoTime() - start) / 1_000);
        require(response, 200);
      }
      System.out.printf(
          "%nGET version-distribution?module=default through the gateway, %,d devices, %,d"
              + " sequential requests after %,d warm-up:%n  p50 %.2f ms | p90 %.2f ms | p99 %.2f"
              + " ms | p99.9 %.2f ms | max %.2f ms (goal: p99 <= 50 ms)%n",
          devices,
          requests,
          warmup,
          latencies.getValueAtPercentile(50) / 1000.0,
          latencies.getValueAtPercentile(90) / 1000.0,
          latencies.getValueAtPercentile(99) / 1000.0,
          latencies.getValueAtPercentile(99.9) / 1000.0,
          latencies.getMaxValue() / 1000.0);
      System.out.printf("logs: %s%n", platform.logFile(Component.INVENTORY_SERVICE).getParent());
    } finally {
      deleteTree(directory);
    }
  }

  private static HttpRequest.Builder authorized(URI uri, ApiKey key) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key.key());
  }

  private static void require(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  private static String abbreviated(String body) {
    return body.length() <= 400 ? body : body.substring(0, 400) + "…";
  }

  private static void deleteTree(Path directory) throws Exception {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
