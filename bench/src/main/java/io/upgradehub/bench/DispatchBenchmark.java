package io.upgradehub.bench;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import io.upgradehub.testsupport.EmbeddedMongo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Dispatch alone: how many upgrade commands a second the platform gets to devices over MQTT QoS 1.
 * {@code devices} devices are imported on firmware 1.0.0, a small package (target 2.0.0) is
 * uploaded and its verification skipped, then a STATIC batch over all of them at {@code rate} a
 * minute (default 1,000,000: as fast as it goes), scheduled to start {@code start-in} after the
 * POST (default 30 s: planning, which {@code plan.sh} measures, is done by then, and dispatch runs
 * alone; {@code 0s} starts at once, planning and dispatch sharing the machine). The commands are
 * taken from the broker by one QoS 1 subscriber to every device's {@code upgrade} topic ({@link
 * CommandWatcher}); no device answers, so the run measures campaign-service's dispatch, its outbox
 * relay, Kafka, device-adapter and the broker, and not the devices' reports.
 *
 * <p>Reports the time from the POST to the first and the last command, commands per second over the
 * dispatch (first to last command) and in the best second, duplicates, and each process's CPU time.
 * Arguments ({@code --name=value}): {@code devices} (100000), {@code rate} (1000000 a minute),
 * {@code service-heap} (512m), {@code timeout} (10m). Exits 1 when not every device got its command
 * in time.
 */
public final class DispatchBenchmark {

  private DispatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int devices = Integer.parseInt(options.getOrDefault("devices", "100000"));
    long rate = Long.parseLong(options.getOrDefault("rate", "1000000"));
    String heap = options.getOrDefault("service-heap", "512m");
    Duration timeout = IngestBenchmark.duration(options.getOrDefault("timeout", "10m"));
    Duration startIn = IngestBenchmark.duration(options.getOrDefault("start-in", "30s"));
    int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "5000"));
    String[] campaignProperties =
        options.containsKey("campaign-property")
            ? new String[] {options.get("campaign-property")}
            : new String[0];

    Path directory = Path.of("bench", "target", "dispatch").toAbsolutePath();
    if (Files.exists(directory)) {
      Directories.deleteTree(directory);
    }
    ApiKey key = ApiKey.generate("bench", "admin");
    boolean allSent;
    try (MosquittoProcess broker =
            MosquittoProcess.start(Path.of("bench", "target", "dispatch-mosquitto"));
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        Platform platform =
            CampaignPlatform.start(
                directory, broker, mongo.port(), key, heap, campaignProperties)) {
      GatewayApi api = new GatewayApi(platform.gatewayUrl(), key);
      URI inventory = URI.create("http://127.0.0.1:" + platform.port(Component.INVENTORY_SERVICE));
      URI adapter = URI.create("http://127.0.0.1:" + platform.port(Component.DEVICE_ADAPTER));
      if (warmUp > 0) {
        warmUp(api, platform, broker, inventory, warmUp, rate);
      }
      String productKey = "bench-dispatch";
      String packageId = prepare(api, platform, inventory, productKey, devices);

      try (CommandWatcher watcher = new CommandWatcher(broker.port(), productKey)) {
        double deliveredBefore = CampaignBenchmark.delivered(adapter);
        ProcessCpu cpuBefore = ProcessCpu.now();
        watcher.startClock();
        long start = System.nanoTime();
        String batchId = createBatch(api, packageId, rate, startIn);
        System.out.printf("batch %s created; every second: commands received, jobs%n", batchId);
        long plannedAt = -1;
        long deadline = start + timeout.toNanos();
        int second = 0;
        while (watcher.devices() < devices && System.nanoTime() < deadline) {
          Thread.sleep(1000);
          JsonNode batch = api.get("/api/v1/batches/" + batchId);
          long now = System.nanoTime();
          boolean planningDone = batch.path("planning").path("done").asBoolean();
          if (planningDone && plannedAt < 0) {
            plannedAt = now;
          }
          System.out.printf(
              "  %6.1f s  received %,9d (%,6d in second %d)  planned %,9d%s  QUEUED %,9d%n",
              (now - start) / 1e9,
              watcher.received(),
              watcher.inSecond(second),
              second,
              batch.path("planning").path("jobs").asLong(),
              planningDone ? "" : "…",
              batch.path("jobs").path("QUEUED").asLong());
          second++;
        }
        long end = System.nanoTime();
        ProcessCpu cpuAfter = ProcessCpu.now();
        allSent = watcher.devices() >= devices;
        double first = watcher.firstNanos() / 1e9;
        double last = watcher.lastNanos() / 1e9;
        System.out.printf(
            "%n== dispatch: STATIC batch, scope ALL, %,d devices, rate %,d/min, services at"
                + " -Xmx%s ==%n",
            devices, rate, heap);
        System.out.printf(
            "commands    %,d devices got their command (%,d messages, %,d duplicates) %s%n",
            watcher.devices(),
            watcher.received(),
            watcher.received() - watcher.devices(),
            allSent ? "" : "(timed out)");
        System.out.printf(
            "planning    %s%n",
            plannedAt < 0
                ? "NOT done"
                : String.format("done after %.1f s", (plannedAt - start) / 1e9));
        System.out.printf(
            "timing      start at %.1f s after the POST; first command %.1f s, last %.1f s%n",
            startIn.toMillis() / 1000.0, first, last);
        System.out.printf(
            "rate        %,.0f commands/s from the first to the last; %,.0f/s from the start; best"
                + " second %,d%n",
            watcher.devices() / Math.max(0.001, last - first),
            watcher.devices() / Math.max(0.001, last - startIn.toMillis() / 1000.0),
            watcher.bestSecond());
        System.out.printf(
            "adapter     %,.0f upgrade commands delivered (upgradehub_device_commands_total)%n",
            CampaignBenchmark.delivered(adapter) - deliveredBefore);
        System.out.printf("cpu         over the %.1f s run:%n", (end - start) / 1e9);
        System.out.print(cpuAfter.since(cpuBefore, Duration.ofNanos(end - start)));
        double dispatchRate = watcher.devices() / Math.max(0.001, last - first);
        System.out.printf(
            "goal        >= 2,000 commands/s over MQTT QoS 1: %s%n",
            allSent && dispatchRate >= 2_000 ? "met" : "NOT met");
      }
    }
    System.exit(allSent ? 0 : 1);
  }

  /**
   * A batch over a fleet of its own before the measured one, run until every device got its
   * command: the services' code paths are compiled by then, as in a platform that has been up.
   */
  private static void warmUp(
      GatewayApi api,
      Platform platform,
      MosquittoProcess broker,
      URI inventory,
      int devices,
      long rate)
      throws InterruptedException {
    String productKey = "bench-warm-up";
    String packageId = prepare(api, platform, inventory, productKey, devices);
    try (CommandWatcher watcher = new CommandWatcher(broker.port(), productKey)) {
      long start = System.nanoTime();
      createBatch(api, packageId, rate, Duration.ZERO);
      long deadline = start + Duration.ofMinutes(5).toNanos();
      while (watcher.devices() < devices && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      System.out.printf(
          "warm-up: %,d of %,d devices got their command in %.1f s%n",
          watcher.devices(), devices, (System.nanoTime() - start) / 1e9);
    }
  }

  /** Imports the fleet on 1.0.0, uploads a package to 2.0.0 and skips its verification. */
  private static String prepare(
      GatewayApi api, Platform platform, URI inventory, String productKey, int devices)
      throws InterruptedException {
    FleetImport imported =
        FleetImport.run(
            api, inventory, productKey, devices, () -> GeneratedFleet.onVersion(devices, "1.0.0"));
    System.out.println(imported.summary());
    String packageId = api.uploadPackage(productKey, "2.0.0", 4096);
    System.out.printf(
        "package %s uploaded, verification %s%n",
        packageId,
        api.skipVerification(platform.campaignServiceUrl(), packageId, Duration.ofMinutes(2)));
    return packageId;
  }

  /** A STATIC batch over every device, starting {@code startIn} from now. */
  private static String createBatch(GatewayApi api, String packageId, long rate, Duration startIn) {
    String schedule =
        startIn.isZero()
            ? ""
            : ",\"schedule\":{\"startAt\":\"" + Instant.now().plus(startIn) + "\"}";
    return api.post(
            "/api/v1/packages/" + packageId + "/batches",
            "{\"fromVersions\":[\"1.0.0\"],\"strategy\":\"STATIC\","
                + "\"scope\":{\"type\":\"ALL\"},\"ratePerMinute\":"
                + rate
                + ",\"timeoutMinutes\":60"
                + schedule
                + "}",
            201)
        .get("id")
        .asString();
  }
}
