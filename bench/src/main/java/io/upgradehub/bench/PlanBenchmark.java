package io.upgradehub.bench;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import io.upgradehub.testsupport.EmbeddedMongo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans a STATIC batch over a whole fleet and times it: imports {@code devices} devices, all on
 * firmware 1.0.0, through the gateway's bulk import, uploads a small package (target 2.0.0), skips
 * its verification, creates a batch {@code fromVersions [1.0.0], scope ALL} at 1 device a minute
 * (so that dispatch does not compete with planning), and polls the batch until its planning is
 * done. Meanwhile campaign-service's used heap is sampled from its {@code /actuator/prometheus}
 * every 500 ms, and its outbox relay's gauges read with each progress line. Afterwards it waits (up
 * to {@code outbox-wait}) until the relay has nothing pending (a planned job raises no event, so
 * planning leaves the relay little to do). Data and logs stay in {@code bench/target/plan/} until
 * the next run.
 *
 * <p>Starts MongoDB (mongo-java-server in this JVM: by default the tests' in-memory one, with
 * {@code --mongo=h2} the platform's own H2 file backend, which stalls at this size), S3, Kafka,
 * package-service, inventory-service, campaign-service and the gateway.
 *
 * <p>Arguments ({@code --name=value}): {@code devices} (1000000), {@code service-heap} (512m, every
 * service's -Xmx: the goal is campaign-service's), {@code timeout} (600, seconds planning may take
 * before the run fails), {@code outbox-wait} (60, seconds to wait for the relay afterwards; 0:
 * none), {@code mongo} ({@code memory} or {@code h2}; memory needs a large heap for this JVM, see
 * plan.sh), {@code campaign-property} (one extra Spring property for campaign-service, {@code
 * key=value}, for experiments). Exits 1 when planning does not finish in time.
 */
public final class PlanBenchmark {

  private static final long MIB = 1024 * 1024;
  private static final String FROM_VERSION = "1.0.0";
  private static final String TARGET_VERSION = "2.0.0";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PlanBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    long devices = Long.parseLong(options.getOrDefault("devices", "1000000"));
    String heap = options.getOrDefault("service-heap", "512m");
    Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "600")));
    Duration outboxWait =
        Duration.ofSeconds(Long.parseLong(options.getOrDefault("outbox-wait", "60")));
    // kept until the next run, for the services' logs
    String mongo = options.getOrDefault("mongo", "memory");
    if (!mongo.equals("h2") && !mongo.equals("memory")) {
      System.err.println("--mongo is h2 or memory, not " + mongo);
      System.exit(2);
    }
    String campaignProperty = options.get("campaign-property");
    Path directory = Path.of("bench", "target", "plan").toAbsolutePath();
    if (Files.exists(directory)) {
      Directories.deleteTree(directory);
    }
    // free ports first: a port set before would be replaced
    Platform.Builder builder = Platform.builder().freePorts();
    EmbeddedMongo memory = null;
    if (mongo.equals("memory")) {
      memory = EmbeddedMongo.inMemory();
      builder.port(Component.MONGO, memory.port());
    }
    if (campaignProperty != null) {
      builder.property(Component.CAMPAIGN_SERVICE, campaignProperty);
    }
    ApiKey key = ApiKey.generate("bench", "admin");
    boolean planned;

    try (Platform platform =
        builder
            .directory(directory)
            .components(
                EnumSet.of(
                    Component.MONGO,
                    Component.S3,
                    Component.KAFKA,
                    Component.PACKAGE_SERVICE,
                    Component.INVENTORY_SERVICE,
                    Component.CAMPAIGN_SERVICE,
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
      String productKey = "bench-plan";
      URI inventory = URI.create("http://127.0.0.1:" + platform.port(Component.INVENTORY_SERVICE));
      URI campaign = platform.campaignServiceUrl();

      FleetImport imported =
          FleetImport.run(
              api,
              inventory,
              productKey,
              devices,
              () -> GeneratedFleet.onVersion(devices, FROM_VERSION));
      System.out.println(imported.summary());
      if (!imported.createdAll()) {
        throw new IllegalStateException("not every device was imported: " + imported.answer());
      }

      String packageId = api.uploadPackage(productKey, TARGET_VERSION, 4096);
      String verification =
          api.skipVerification(platform.campaignServiceUrl(), packageId, Duration.ofMinutes(2));
      System.out.printf("package %s uploaded, verification %s%n", packageId, verification);

      Outbox outboxBefore = Outbox.of(campaign, new Outbox(0, 0));
      long heapBefore;
      long heapPeak;
      long planningNanos;
      JsonNode batch;
      Outbox last = outboxBefore;
      long outboxPeakPending = outboxBefore.pending();
      try (HeapSampler sampler = new HeapSampler(campaign, Duration.ofMillis(500))) {
        heapBefore = sampler.usedHeap();
        sampler.start();
        ProcessCpu cpuBefore = ProcessCpu.now();
        long start = System.nanoTime();
        // campaign-service plans inside the POST (and goes on when the caller gave up; through
        // the gateway a planning longer than its 60 s response timeout answers 504), so the POST
        // is sent asynchronously and the batch found in the package's list meanwhile
        CompletableFuture<HttpResponse<String>> created =
            api.sendAsync(
                api.request("/api/v1/packages/" + packageId + "/batches")
                    .header("Content-Type", "application/json")
                    .timeout(timeout)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"fromVersions\":[\""
                                + FROM_VERSION
                                + "\"],\"strategy\":\"STATIC\",\"scope\":{\"type\":\"ALL\"},"
                                + "\"ratePerMinute\":1,\"timeoutMinutes\":60}"))
                    .build());
        AtomicLong answeredAt = new AtomicLong();
        created.whenComplete((answer, failure) -> answeredAt.set(System.nanoTime()));
        String batchId = null;
        while (batchId == null) {
          if (created.isDone()) {
            HttpResponse<String> answer = created.join();
            if (answer.statusCode() == 201) {
              batchId = JSON.readTree(answer.body()).get("id").asString();
              break;
            }
          }
          JsonNode list = api.get("/api/v1/packages/" + packageId + "/batches");
          if (!list.path("items").isEmpty()) {
            batchId = list.path("items").get(0).path("id").asString();
          } else if (created.isDone()) {
            GatewayApi.require(created.join(), 201);
          } else {
            Thread.sleep(100);
          }
        }
        System.out.printf("batch %s, planning ...%n", batchId);
        long deadline = start + timeout.toNanos();
        long nextLine = start;
        while (true) {
          batch = api.get("/api/v1/batches/" + batchId);
          long now = System.nanoTime();
          if (batch.path("planning").path("done").asBoolean()) {
            planningNanos = now - start;
            break;
          }
          if (now > deadline) {
            planningNanos = now - start;
            break;
          }
          if (now >= nextLine) {
            Outbox outbox = Outbox.of(campaign, last);
            last = outbox;
            outboxPeakPending = Math.max(outboxPeakPending, outbox.pending());
            System.out.printf(
                "  %5.1f s  planned %,9d jobs  heap used %4d MiB (peak %4d)  outbox pending %,d,"
                    + " published %,d%n",
                (now - start) / 1e9,
                batch.path("planning").path("jobs").asLong(),
                sampler.usedHeap() / MIB,
                sampler.peak() / MIB,
                outbox.pending(),
                outbox.published() - outboxBefore.published());
            nextLine = now + Duration.ofSeconds(5).toNanos();
          }
          Thread.sleep(250);
        }
        ProcessCpu cpuAtDone = ProcessCpu.now();
        heapPeak = sampler.peak();
        planned = batch.path("planning").path("done").asBoolean();
        long jobs = batch.path("planning").path("jobs").asLong();
        Outbox atDone = Outbox.of(campaign, last);
        outboxPeakPending = Math.max(outboxPeakPending, atDone.pending());

        // the relay: how long until nothing is pending
        long relayNanos = -1;
        Outbox drained = atDone;
        long heapPeakWithRelay = heapPeak;
        if (planned && !outboxWait.isZero()) {
          long relayDeadline = System.nanoTime() + outboxWait.toNanos();
          while (System.nanoTime() < relayDeadline) {
            drained = Outbox.of(campaign, drained);
            outboxPeakPending = Math.max(outboxPeakPending, drained.pending());
            if (drained.pending() == 0) {
              relayNanos = System.nanoTime() - start;
              break;
            }
            Thread.sleep(500);
          }
          heapPeakWithRelay = sampler.peak();
        }

        System.out.printf(
            "%n== plan: STATIC batch, scope ALL, %,d devices on %s, campaign-service at -Xmx%s ==%n",
            devices, FROM_VERSION, heap);
        System.out.printf(
            "planning    %s in %.1f s (POST to planning.done), %,d jobs, %,.0f jobs/s%n",
            planned ? "done" : "NOT done", planningNanos / 1e9, jobs, jobs / (planningNanos / 1e9));
        System.out.printf("post        %s%n", answer(created, answeredAt.get() - start));
        System.out.printf(
            "excluded    %s; jobs by state %s; batch state %s%n",
            batch.path("planning").path("excluded"),
            batch.path("jobs"),
            batch.path("state").asString());
        System.out.printf(
            "heap        campaign-service used %d MiB before -> peak %d MiB while planning"
                + " (sampled every 500 ms); peak %d MiB until the relay was done%n",
            heapBefore / MIB, heapPeak / MIB, heapPeakWithRelay / MIB);
        System.out.printf(
            "outbox      at planning done: %,d pending, %,d published; %s; pending peaked at %,d%n",
            atDone.pending(),
            atDone.published() - outboxBefore.published(),
            relayNanos < 0
                ? String.format(
                    "not drained within %d s after (%,d pending, %,d published)",
                    outboxWait.toSeconds(),
                    drained.pending(),
                    drained.published() - outboxBefore.published())
                : String.format(
                    "nothing pending %.1f s after the POST (%,d published)",
                    relayNanos / 1e9, drained.published() - outboxBefore.published()),
            outboxPeakPending);
        System.out.printf("cpu         while planning (%.1f s):%n", planningNanos / 1e9);
        System.out.print(cpuAtDone.since(cpuBefore, Duration.ofNanos(planningNanos)));
        plannerLog(platform.logFile(Component.CAMPAIGN_SERVICE))
            .forEach(line -> System.out.println("log         " + line));
        System.out.printf(
            "goal        <= 60 s, heap <= 512 MiB: %s%n",
            planned && planningNanos <= Duration.ofSeconds(60).toNanos() && heapPeak <= 512 * MIB
                ? "met"
                : "NOT met");
        System.out.printf("logs: %s%n", platform.logFile(Component.CAMPAIGN_SERVICE).getParent());
      }
    } finally {
      if (memory != null) {
        memory.close();
      }
    }
    if (!planned) {
      System.exit(1);
    }
  }

  /** How the POST was answered, as far as it was by now. */
  private static String answer(CompletableFuture<HttpResponse<String>> created, long nanos) {
    if (!created.isDone()) {
      return "not answered yet";
    }
    try {
      HttpResponse<String> answer = created.join();
      return String.format(
          "POST answered %d after %.1f s%s",
          answer.statusCode(),
          nanos / 1e9,
          answer.statusCode() == 201 ? "" : ": " + GatewayApi.abbreviated(answer.body()));
    } catch (RuntimeException e) {
      return "failed: " + e.getMessage();
    }
  }

  /** The planner's "Planned batch …" lines, failed plannings and heap exhaustion from the log. */
  private static Stream<String> plannerLog(Path log) {
    try {
      return Files.readAllLines(log).stream()
          .filter(
              line ->
                  line.contains("Planned batch")
                      || line.contains("planning failed")
                      || line.contains("OutOfMemoryError"));
    } catch (IOException e) {
      return Stream.of("(could not read " + log + ": " + e.getMessage() + ")");
    }
  }

  /** campaign-service's outbox relay: events waiting, events published (over its outboxes). */
  private record Outbox(long pending, long published) {

    /** A scrape of {@code service}, or {@code previous} when it does not answer. */
    static Outbox of(URI service, Outbox previous) {
      try {
        MetricsScrape metrics = MetricsScrape.of(service);
        return new Outbox(
            (long) metrics.sum("upgradehub_outbox_pending"),
            (long) metrics.sum("upgradehub_outbox_published_total"));
      } catch (RuntimeException e) {
        // a missed scrape (a busy service) shows as a gap, not a failed run
        return previous;
      }
    }
  }
}
