package io.upgradehub.bench;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import io.upgradehub.simulator.Fleet;
import io.upgradehub.testsupport.EmbeddedMongo;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A transferred-in batch end to end with simulated devices (spec §4): {@code devices} names sent as
 * a streamed CSV to {@code POST /api/v1/transfers} (1.0.0 to 2.0.0, rate 1,000,000 a minute), the
 * devices connected as a simulator {@link Fleet}, then every device accepted with {@code all} and
 * timed until the transfer is {@code COMPLETED}. The product has no devices before: each device is
 * registered by its own reports as it connects, as a device that moved to this platform is.
 *
 * <p>Every second it prints the transfer's devices by state; at the end the intake's time, the
 * accept's, and the time from the accept until the transfer completed, with the CPU each process
 * used meanwhile. Arguments ({@code --name=value}): {@code devices} (100000), {@code service-heap}
 * (512m), {@code timeout} (15m, for the transfer to complete), and the fleet's ({@link
 * BenchFleet#build}). Exits 1 when not every device SUCCEEDED in time. Data and logs stay in {@code
 * bench/target/transfer/} until the next run.
 */
public final class TransferBenchmark {

  private static final String FROM_VERSION = "1.0.0";
  private static final String TARGET_VERSION = "2.0.0";

  private TransferBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int devices = Integer.parseInt(options.getOrDefault("devices", "100000"));
    String heap = options.getOrDefault("service-heap", "512m");
    Duration timeout = IngestBenchmark.duration(options.getOrDefault("timeout", "15m"));
    Path directory = Path.of("bench", "target", "transfer").toAbsolutePath();
    if (Files.exists(directory)) {
      Directories.deleteTree(directory);
    }
    ApiKey key = ApiKey.generate("bench", "admin");
    boolean allSucceeded;
    try (MosquittoProcess broker =
            MosquittoProcess.start(Path.of("bench", "target", "transfer-mosquitto"));
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        Platform platform = CampaignPlatform.start(directory, broker, mongo.port(), key, heap)) {
      GatewayApi api = new GatewayApi(platform.gatewayUrl(), key);
      String productKey = "bench-transfer";
      URI inventory = URI.create("http://127.0.0.1:" + platform.port(Component.INVENTORY_SERVICE));
      api.createProduct(productKey);
      String packageId = api.uploadPackage(productKey, TARGET_VERSION, 4096);
      System.out.printf("product %s, package %s uploaded%n", productKey, packageId);

      long intakeStart = System.nanoTime();
      JsonNode transfer = intake(api, productKey, devices);
      double intakeSeconds = (System.nanoTime() - intakeStart) / 1e9;
      String id = transfer.path("id").asString();
      System.out.printf(
          "transfer %s of %,d devices taken in (streamed CSV) in %.1f s%n",
          id, transfer.path("devices").asLong(), intakeSeconds);

      try (Fleet fleet = BenchFleet.build(platform, productKey, devices, FROM_VERSION, options)) {
        BenchFleet.connect(fleet, devices, inventory);

        ProcessCpu cpuBefore = ProcessCpu.now();
        long start = System.nanoTime();
        JsonNode accepted = api.post("/api/v1/transfers/" + id + "/accept", "{\"all\":true}", 200);
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "accepted %,d devices with all in %.1f s; every second: devices by state%n",
            accepted.path("counts").path("PENDING").asLong(), acceptSeconds);

        long deadline = start + timeout.toNanos();
        long completedAt = -1;
        JsonNode counts;
        while (true) {
          JsonNode now = api.get("/api/v1/transfers/" + id);
          counts = now.path("counts");
          long at = System.nanoTime();
          System.out.printf(
              "  %6.1f s  %s  PENDING %,7d  UPGRADING %,7d  SUCCEEDED %,7d  FAILED %,d"
                  + "  CANCELED %,d%n",
              (at - start) / 1e9,
              now.path("status").asString(),
              counts.path("PENDING").asLong(),
              counts.path("UPGRADING").asLong(),
              counts.path("SUCCEEDED").asLong(),
              counts.path("FAILED").asLong(),
              counts.path("CANCELED").asLong());
          if ("COMPLETED".equals(now.path("status").asString())) {
            completedAt = at;
            break;
          }
          if (at > deadline) {
            break;
          }
          Thread.sleep(1000);
        }
        long end = completedAt > 0 ? completedAt : System.nanoTime();
        ProcessCpu cpuAfter = ProcessCpu.now();
        double seconds = (end - start) / 1e9;
        long succeeded = counts.path("SUCCEEDED").asLong();
        allSucceeded = completedAt > 0 && succeeded == devices;

        System.out.printf(
            "%n== transfer: %,d simulated devices accepted with all, rate 1,000,000/min,"
                + " services at -Xmx%s ==%n",
            devices, heap);
        System.out.printf(
            "intake      %,d names as a streamed CSV in %.1f s%n", devices, intakeSeconds);
        System.out.printf("accept      all in %.1f s%n", acceptSeconds);
        System.out.printf(
            "result      %,d of %,d devices SUCCEEDED, transfer %s %.1f s after the accept;"
                + " counts %s%n",
            succeeded,
            devices,
            completedAt > 0 ? "COMPLETED" : "NOT completed (timed out) at",
            seconds,
            counts);
        System.out.printf(
            "fleet       %,d upgrades succeeded, %,d failed%n",
            fleet.stats().upgradesSucceeded(), fleet.stats().upgradesFailed());
        System.out.printf("cpu         from the accept to the end (%.1f s):%n", seconds);
        System.out.print(cpuAfter.since(cpuBefore, Duration.ofNanos(end - start)));
      }
    }
    System.exit(allSucceeded ? 0 : 1);
  }

  /**
   * Sends the transfer as a CSV body with the other fields as parameters; campaign-service may not
   * know the package yet (it learns it from package-service's events), so a {@code NO_PACKAGE} is
   * tried again for a minute.
   */
  private static JsonNode intake(GatewayApi api, String productKey, int devices)
      throws InterruptedException {
    StringBuilder csv = new StringBuilder(devices * 13).append("deviceName\n");
    for (int i = 0; i < devices; i++) {
      csv.append(GeneratedFleet.deviceName(i)).append('\n');
    }
    byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
    String path =
        "/api/v1/transfers?source=bench&productKey="
            + productKey
            + "&startVersion="
            + FROM_VERSION
            + "&targetVersion="
            + TARGET_VERSION
            + "&ratePerMinute=1000000&timeoutMinutes=10";
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      HttpResponse<String> answer =
          api.send(
              api.request(path)
                  .header("Content-Type", "text/csv")
                  .POST(
                      HttpRequest.BodyPublishers.ofInputStream(
                          () -> new ByteArrayInputStream(body)))
                  .build());
      if (answer.statusCode() == 201) {
        return GatewayApi.JSON.readTree(answer.body());
      }
      if (!answer.body().contains("NO_PACKAGE") || System.nanoTime() > deadline) {
        GatewayApi.require(answer, 201);
      }
      Thread.sleep(500);
    }
  }
}
