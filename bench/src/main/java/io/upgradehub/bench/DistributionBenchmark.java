package io.upgradehub.bench;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
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
      GatewayApi api = new GatewayApi(platform.gatewayUrl(), key);
      String productKey = "bench-fleet";
      URI inventory = URI.create("http://127.0.0.1:" + platform.port(Component.INVENTORY_SERVICE));
      FleetImport imported =
          FleetImport.run(api, inventory, productKey, devices, () -> new GeneratedFleet(devices));
      System.out.println(imported.summary());

      HttpRequest query =
          api.request("/api/v1/products/" + productKey + "/version-distribution?module=default")
              .GET()
              .build();
      HttpResponse<String> first = GatewayApi.require(api.send(query), 200);
      if (!first.body().contains("\"total\":" + devices + ",")) {
        throw new IllegalStateException(
            "the distribution does not count every device: " + first.body());
      }
      System.out.println("  distribution: " + first.body());
      for (int i = 0; i < warmup; i++) {
        api.send(query, 200);
      }
      Histogram latencies = new Histogram(60_000_000L, 3);
      for (int i = 0; i < requests; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = api.send(query);
        latencies.recordValue((System.nanoTime() - start) / 1_000);
        GatewayApi.require(response, 200);
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
      Directories.deleteTree(directory);
    }
  }
}
