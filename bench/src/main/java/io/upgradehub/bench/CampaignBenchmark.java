package io.upgradehub.bench;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import io.upgradehub.simulator.Fleet;
import io.upgradehub.simulator.FleetStats;
import io.upgradehub.testsupport.EmbeddedMongo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A batch end to end with simulated devices: {@code devices} devices imported on firmware 1.0.0
 * through the gateway and connected as a simulator {@link Fleet} to a Mosquitto of the run's own
 * ({@link MosquittoProcess}), a small package (target 2.0.0) uploaded and its verification skipped,
 * then a STATIC batch over all of them at the highest rate (1,000,000 a minute), timed from the
 * POST until every job SUCCEEDED. The devices answer each {@code upgrade} as the simulator does:
 * progress 1, 50, 80, 100 (a simulated download of {@code download-time}, steps {@code step-delay}
 * apart) and an inform of 2.0.0.
 *
 * <p>Every second it prints the batch's jobs by state; at the end the time to dispatch (every job
 * out of QUEUED) and to finish, commands per second (the dispatch, and device-adapter's {@code
 * upgradehub_device_commands_total}), and the CPU time each process used over the run (this JVM
 * holds MongoDB — mongo-java-server in memory — and the fleet).
 *
 * <p>Arguments ({@code --name=value}): {@code devices} (100000), {@code connect-rate} (2000 a
 * second), {@code service-heap} (512m), {@code step-delay} (1s), {@code download-time} (2s), {@code
 * timeout} (15m, for the batch to finish), {@code shared-connections} ({@code auto}). A device
 * holds a connection of its own, so this JVM and Mosquitto need a file descriptor per device; a
 * fleet beyond the open-files limit (less 1,000) rides on {@code shared-connections} connections
 * instead ({@code auto}: one per 2,000 devices; {@code 0}: one per device, refused at once beyond
 * the limit). Exits 1 when not every job succeeded in time. Data and logs stay in {@code
 * bench/target/campaign/} until the next run.
 */
public final class CampaignBenchmark {

  private static final String FROM_VERSION = "1.0.0";
  private static final String TARGET_VERSION = "2.0.0";
  private static final String COMMANDS = "upgradehub_device_commands_total";

  private CampaignBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int devices = Integer.parseInt(options.getOrDefault("devices", "100000"));
    String heap = options.getOrDefault("service-heap", "512m");
    Duration timeout = IngestBenchmark.duration(options.getOrDefault("timeout", "15m"));

    Path directory = Path.of("bench", "target", "campaign").toAbsolutePath();
    if (Files.exists(directory)) {
      Directories.deleteTree(directory);
    }
    ApiKey key = ApiKey.generate("bench", "admin");
    boolean allSucceeded;
    try (MosquittoProcess broker =
            MosquittoProcess.start(Path.of("bench", "target", "campaign-mosquitto"));
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        Platform platform = CampaignPlatform.start(directory, broker, mongo.port(), key, heap)) {
      GatewayApi api = new GatewayApi(platform.gatewayUrl(), key);
      String productKey = "bench-campaign";
      URI inventory = URI.create("http://127.0.0.1:" + platform.port(Component.INVENTORY_SERVICE));
      URI adapter = URI.create("http://127.0.0.1:" + platform.port(Component.DEVICE_ADAPTER));

      FleetImport imported =
          FleetImport.run(
              api,
              inventory,
              productKey,
              devices,
              () -> GeneratedFleet.onVersion(devices, FROM_VERSION));
      System.out.println(imported.summary());

      // the same names as the import's: dev-0000000, dev-0000001, ...
      Fleet fleet = BenchFleet.build(platform, productKey, devices, FROM_VERSION, options);
      try (fleet) {
        BenchFleet.connect(fleet, devices, inventory);

        String packageId = api.uploadPackage(productKey, TARGET_VERSION, 4096);
        System.out.printf(
            "package %s uploaded, verification %s%n",
            packageId,
            api.skipVerification(platform.campaignServiceUrl(), packageId, Duration.ofMinutes(2)));

        double commandsBefore = delivered(adapter);
        ProcessCpu cpuBefore = ProcessCpu.now();
        long start = System.nanoTime();
        String batchId =
            api.post(
                    "/api/v1/packages/" + packageId + "/batches",
                    "{\"fromVersions\":[\""
                        + FROM_VERSION
                        + "\"],\"strategy\":\"STATIC\",\"scope\":{\"type\":\"ALL\"},"
                        + "\"ratePerMinute\":1000000,\"timeoutMinutes\":10}",
                    201)
                .get("id")
                .asString();
        System.out.printf("batch %s created; every second: jobs by state%n", batchId);

        long plannedAt = -1;
        long dispatchedAt = -1;
        long endedAt = -1;
        long bestDispatchSlope = 0;
        long lastDispatched = 0;
        JsonNode batch;
        long deadline = start + timeout.toNanos();
        while (true) {
          batch = api.get("/api/v1/batches/" + batchId);
          long now = System.nanoTime();
          JsonNode jobs = batch.path("jobs");
          long planned = batch.path("planning").path("jobs").asLong();
          boolean planningDone = batch.path("planning").path("done").asBoolean();
          long queued = jobs.path("QUEUED").asLong();
          long succeeded = jobs.path("SUCCEEDED").asLong();
          long ended =
              succeeded
                  + jobs.path("FAILED").asLong()
                  + jobs.path("TIMED_OUT").asLong()
                  + jobs.path("CANCELED").asLong();
          long dispatched = planned - queued;
          bestDispatchSlope = Math.max(bestDispatchSlope, dispatched - lastDispatched);
          lastDispatched = dispatched;
          if (planningDone && plannedAt < 0) {
            plannedAt = now;
          }
          if (planningDone && queued == 0 && dispatchedAt < 0) {
            dispatchedAt = now;
          }
          System.out.printf(
              "  %6.1f s  planned %,7d%s  QUEUED %,7d  NOTIFIED %,7d  DOWNLOADING %,7d"
                  + "  UPGRADING %,7d  SUCCEEDED %,7d  other ended %,d%n",
              (now - start) / 1e9,
              planned,
              planningDone ? "" : "…",
              queued,
              jobs.path("NOTIFIED").asLong(),
              jobs.path("DOWNLOADING").asLong(),
              jobs.path("UPGRADING").asLong(),
              succeeded,
              ended - succeeded);
          if (planningDone && ended >= planned) {
            endedAt = now;
            break;
          }
          if (now > deadline) {
            break;
          }
          Thread.sleep(1000);
        }
        long end = endedAt > 0 ? endedAt : System.nanoTime();
        ProcessCpu cpuAfter = ProcessCpu.now();
        double commands = delivered(adapter) - commandsBefore;
        JsonNode jobs = batch.path("jobs");
        long succeededJobs = jobs.path("SUCCEEDED").asLong();
        allSucceeded = succeededJobs == devices;
        FleetStats stats = fleet.stats();
        double seconds = (end - start) / 1e9;
        String batchState = batchStateAfter(api, batchId, endedAt);

        System.out.printf(
            "%n== campaign: STATIC batch, scope ALL, %,d simulated devices, rate"
                + " 1,000,000/min, services at -Xmx%s ==%n",
            devices, heap);
        System.out.printf(
            "result      %,d of %,d jobs SUCCEEDED %s %.1f s after the POST; jobs %s; batch %s%n",
            succeededJobs,
            devices,
            endedAt > 0 ? "in" : "(timed out) at",
            seconds,
            jobs,
            batchState);
        System.out.printf(
            "planning    %s%n",
            plannedAt < 0
                ? "NOT done"
                : String.format("done after %.1f s", (plannedAt - start) / 1e9));
        System.out.printf(
            "dispatch    %s; best 1-s sample %,d jobs left QUEUED%n",
            dispatchedAt < 0
                ? "jobs still QUEUED at the end"
                : String.format(
                    "every job out of QUEUED %.1f s after the POST: %,.0f commands/s",
                    (dispatchedAt - start) / 1e9, devices / ((dispatchedAt - start) / 1e9)),
            bestDispatchSlope);
        System.out.printf(
            "adapter     %,.0f upgrade commands delivered to devices"
                + " (upgradehub_device_commands_total),"
                + " %,.0f/s over the run%n",
            commands, commands / seconds);
        System.out.printf(
            "fleet       %,d commands received, %,d upgrades succeeded, %,d failed, %,d reconnects,"
                + " %,d send failures%n",
            stats.messagesReceived(),
            stats.upgradesSucceeded(),
            stats.upgradesFailed(),
            stats.reconnects(),
            stats.sendFailures());
        System.out.printf("cpu         over the %.1f s run:%n", seconds);
        System.out.print(cpuAfter.since(cpuBefore, Duration.ofNanos(end - start)));
        System.out.printf(
            "goal        all SUCCEEDED <= 120 s: %s%n",
            allSucceeded && seconds <= 120 ? "met" : "NOT met");
      }
    }
    System.exit(allSucceeded ? 0 : 1);
  }

  /** The upgrade commands device-adapter delivered to the broker so far. */
  static double delivered(URI adapter) {
    return MetricsScrape.of(adapter)
        .sum(
            COMMANDS,
            labels ->
                "device.upgrade-command".equals(labels.get("type"))
                    && "delivered".equals(labels.get("outcome")));
  }

  /**
   * The batch's state once every job ended: the scheduler completes it in its next round after the
   * last job, so this waits (at most 60 s) for it to leave RUNNING and says how long that took.
   */
  private static String batchStateAfter(GatewayApi api, String batchId, long endedAt)
      throws InterruptedException {
    String state = api.get("/api/v1/batches/" + batchId).path("state").asString();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (endedAt > 0 && state.equals("RUNNING") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      state = api.get("/api/v1/batches/" + batchId).path("state").asString();
    }
    return endedAt > 0 && !state.equals("RUNNING")
        ? String.format("%s %.1f s after the last job", state, (System.nanoTime() - endedAt) / 1e9)
        : state;
  }
}
