package io.upgradehub.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.simulator.Fleet;
import io.upgradehub.simulator.FleetStats;
import io.upgradehub.testsupport.EmbeddedMongo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Device messages from simulated devices over MQTT through device-adapter and Kafka into
 * inventory-service: the rate inventory applies them at, sustained, and their end-to-end latency.
 *
 * <p>Starts a Mosquitto of its own ({@link MosquittoProcess}), MongoDB, Kafka, device-adapter and
 * inventory-service ({@link Platform}, free ports), registers a product, connects a simulator
 * {@link Fleet} whose devices inform their versions (inventory registers them on their first
 * report), then sends device traffic ({@link DeviceLoad}) at the target rate for the duration. It
 * reads inventory's {@code upgradehub_device_reports_*} metrics: the applied counters for the rate
 * and for "nothing lost", the latency histogram for p50/p99/max.
 *
 * <p>Arguments ({@code --name=value}): {@code rate} (3000 messages/s), {@code duration} (5m),
 * {@code warmup} (15s, at the rate, not measured), {@code devices} (10000), {@code connect-rate}
 * (1000 devices/s), {@code connections} (4 MQTT connections for the traffic), {@code service-heap}
 * (384m), {@code mongo} (memory, plain or h2), {@code mqtt} (own, reuse: the broker on 1883, or
 * embedded: HiveMQ CE in this JVM), {@code receive-maximum} (the adapter's, 65535) and {@code
 * adapter-connections} (the adapter's, its default when absent), {@code phases} (mixed or lockstep,
 * {@link DeviceLoad.Phases}). Exits 1 when a message was lost, 2 on bad arguments.
 */
public final class IngestBenchmark {

  private static final String APPLIED = "upgradehub_device_reports_applied_total";
  private static final String NOT_USED = "upgradehub_device_reports_not_used_total";
  private static final String IGNORED = "upgradehub_inventory_events_ignored_total";
  private static final String LATENCY = "upgradehub_device_reports_latency_seconds";
  private static final String REJECTED = "upgradehub_device_messages_rejected_total";
  private static final String RECEIVED = "upgradehub_device_messages_received_total";
  private static final String PROGRESS = "device.progress-reported";
  private static final Duration SAMPLE = Duration.ofSeconds(5);
  private static final Duration STALLED = Duration.ofSeconds(30);
  private static final Duration DRAIN = Duration.ofMinutes(2);

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        System.err.println("arguments are --name=value, not " + arg);
        System.exit(2);
      }
      options.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    int rate = Integer.parseInt(options.getOrDefault("rate", "3000"));
    Duration duration = duration(options.getOrDefault("duration", "5m"));
    Duration warmup = duration(options.getOrDefault("warmup", "15s"));
    int deviceCount = Integer.parseInt(options.getOrDefault("devices", "10000"));
    int connectRate = Integer.parseInt(options.getOrDefault("connect-rate", "1000"));
    int connections = Integer.parseInt(options.getOrDefault("connections", "4"));
    String heap = options.getOrDefault("service-heap", "384m");
    // Mosquitto 2.0.11 overruns smaller receive maximums under this load, and the adapter's client
    // then disconnects (docs/benchmarks.md, "Ingest"); 65535 cannot be overrun: packet ids are 16
    // bit
    String receiveMaximum = options.getOrDefault("receive-maximum", "65535");
    String adapterConnections = options.get("adapter-connections");
    String mongo = options.getOrDefault("mongo", "memory");
    String mqtt = options.getOrDefault("mqtt", "own");
    String phases = options.getOrDefault("phases", "mixed");
    if (!phases.equals("mixed") && !phases.equals("lockstep")) {
      System.err.println("--phases is mixed or lockstep, not " + phases);
      System.exit(2);
    }
    if (!mqtt.equals("own") && !mqtt.equals("reuse") && !mqtt.equals("embedded")) {
      System.err.println("--mqtt is own, reuse or embedded, not " + mqtt);
      System.exit(2);
    }
    if (!mongo.equals("memory") && !mongo.equals("plain") && !mongo.equals("h2")) {
      System.err.println("--mongo is memory, plain or h2, not " + mongo);
      System.exit(2);
    }
    // memory: EmbeddedMongo's in-memory server (the tests'), answering {_id: x, ...} from the _id
    // index; plain: mongo-java-server's own memory backend, which scans for such queries (the
    // figures before that fix); h2: the platform's own, the H2 file backend of the local run
    List<AutoCloseable> started = new ArrayList<>();
    boolean nothingLost;
    try {
      Platform.Builder builder = Platform.builder().freePorts();
      switch (mqtt) {
        case "own" -> {
          // a Mosquitto of the run's own, without the per-client limits (MosquittoProcess)
          MosquittoProcess broker =
              MosquittoProcess.start(Path.of("bench", "target", "ingest-mosquitto"));
          started.add(broker);
          builder.port(Component.MQTT, broker.port());
        }
        // the broker listening on 1883 (the local Mosquitto); HiveMQ CE embedded when none does
        case "reuse" -> builder.port(Component.MQTT, Component.MQTT.defaultPort());
        default -> {
          // embedded: HiveMQ CE in this JVM on a free port, the platform's default
        }
      }
      switch (mongo) {
        case "memory" -> {
          EmbeddedMongo server = EmbeddedMongo.inMemory();
          started.add(server);
          builder.port(Component.MONGO, server.port());
        }
        case "plain" -> {
          MongoServer server = new MongoServer(new MemoryBackend());
          started.add(server::shutdownNow);
          server.bind("127.0.0.1", 0);
          builder.port(Component.MONGO, server.getLocalAddress().getPort());
        }
        default -> {
          // h2: the platform starts its own
        }
      }
      builder.property(
          Component.DEVICE_ADAPTER, "upgradehub.mqtt.receive-maximum=" + receiveMaximum);
      if (adapterConnections != null) {
        builder.property(
            Component.DEVICE_ADAPTER, "upgradehub.mqtt.connections=" + adapterConnections);
      }
      System.out.println(
          "MongoDB-protocol server: mongo-java-server, backend " + mongo + "; MQTT broker " + mqtt);
      nothingLost =
          run(
              builder,
              rate,
              duration,
              warmup,
              deviceCount,
              connectRate,
              connections,
              heap,
              DeviceLoad.Phases.valueOf(phases.toUpperCase(Locale.ROOT)));
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        started.get(i).close();
      }
    }
    System.exit(nothingLost ? 0 : 1);
  }

  private static boolean run(
      Platform.Builder builder,
      int rate,
      Duration duration,
      Duration warmup,
      int deviceCount,
      int connectRate,
      int connections,
      String heap,
      DeviceLoad.Phases phases)
      throws Exception {
    String runId = Long.toString(System.currentTimeMillis(), 36);
    String productKey = "bench-" + runId;
    // kept after the run for its logs; the next run starts afresh
    Path directory = Path.of("bench", "target", "ingest").toAbsolutePath();
    if (Files.exists(directory)) {
      Directories.deleteTree(directory);
    }
    try (Platform platform =
        builder
            .directory(directory)
            .components(
                EnumSet.of(
                    Component.MONGO,
                    Component.MQTT,
                    Component.KAFKA,
                    Component.INVENTORY_SERVICE,
                    Component.DEVICE_ADAPTER))
            // a share group and client id of this run's own: the broker may be shared with other
            // adapters, which would otherwise take a share of (or the session of) these messages
            .property(Component.DEVICE_ADAPTER, "upgradehub.mqtt.share-group=bench-" + runId)
            .property(Component.DEVICE_ADAPTER, "upgradehub.mqtt.client-id=bench-adapter-" + runId)
            .serviceHeap(heap)
            .start()) {
      URI inventory = URI.create("http://127.0.0.1:" + platform.port(Component.INVENTORY_SERVICE));
      URI adapter = URI.create("http://127.0.0.1:" + platform.port(Component.DEVICE_ADAPTER));
      System.out.printf(
          Locale.ROOT,
          "platform up in %.1f s (services at -Xmx%s, MQTT %s, logs in %s)%n",
          platform.startupDuration().toMillis() / 1000.0,
          heap,
          platform.mqttUri(),
          platform.logFile(Component.INVENTORY_SERVICE).getParent());
      createProduct(inventory, productKey);

      // the fleet connects; each device says online and informs both modules' versions
      Fleet fleet =
          Fleet.builder()
              .broker(platform.mqttUri())
              .productKey(productKey)
              .prefix("dev-")
              .count(deviceCount)
              .module("default", "1.0.0")
              .module("mcu", "1.0.0")
              .connectRate(connectRate)
              .seed(42)
              .build();
      long begin = System.nanoTime();
      fleet.start();
      try (DeviceLoad load =
          new DeviceLoad(
              platform.mqttUri(), productKey, fleet.deviceNames(), connections, runId, phases)) {
        LongSupplier fleetReports = () -> fleet.stats().messagesSent();
        awaitFleet(fleet, deviceCount);
        boolean registered = awaitDrained(inventory, fleetReports, () -> 0);
        System.out.printf(
            Locale.ROOT,
            "fleet: %d devices connected, %d messages sent, %s in %.1f s%n",
            deviceCount,
            fleetReports.getAsLong(),
            registered ? "all applied" : "NOT all applied (see the adapter's log)",
            (System.nanoTime() - begin) / 1e9);

        System.out.printf(
            Locale.ROOT,
            "%ntraffic: %d msg/s from %d devices (progress 3, status 2, inform 2 of every %d),"
                + " warm-up %d s, measured %d s%n",
            rate,
            deviceCount,
            DeviceLoad.CYCLE,
            warmup.toSeconds(),
            duration.toSeconds());
        LongSupplier reportsSent = () -> fleetReports.getAsLong() + load.reportsSent();
        load.run(rate, warmup.toNanos());
        MetricsScrape before = MetricsScrape.of(inventory);
        long sentBefore = load.sent();
        long windowStart = System.nanoTime();
        Thread sampler =
            sampler(
                inventory, adapter, load, reportsSent, windowStart, consumed(before), sentBefore);
        load.run(rate, duration.toNanos());
        long windowNanos = System.nanoTime() - windowStart;
        MetricsScrape atEnd = MetricsScrape.of(inventory);
        long sentInWindow = load.sent() - sentBefore;
        sampler.interrupt();
        long drainStart = System.nanoTime();
        boolean drained = awaitDrained(inventory, reportsSent, load::progressSent);
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        MetricsScrape after = MetricsScrape.of(inventory);
        MetricsScrape adapterMetrics = MetricsScrape.of(adapter);

        double seconds = windowNanos / 1e9;
        double consumedInWindow = consumed(atEnd) - consumed(before);
        LatencyBuckets latency =
            LatencyBuckets.between(before.buckets(LATENCY), after.buckets(LATENCY));
        long expectedApplied = reportsSent.getAsLong();
        long applied = Math.round(after.sum(APPLIED));
        long progressConsumed = Math.round(progressConsumed(after));
        long lost =
            Math.max(0, expectedApplied - applied)
                + Math.max(0, load.progressSent() - progressConsumed);
        long rejected = Math.round(adapterMetrics.sum(REJECTED));
        FleetStats stats = fleet.stats();

        System.out.printf(
            Locale.ROOT,
            "%n== ingest: %d devices, target %d msg/s, %s phases, measured %.0f s ==%n",
            deviceCount,
            rate,
            phases.name().toLowerCase(Locale.ROOT),
            seconds);
        System.out.printf(
            Locale.ROOT,
            "sent        %d messages in the window (%.0f msg/s acknowledged by the broker);"
                + " %d in all with the fleet's and the warm-up's, %d publish failures%n",
            sentInWindow,
            sentInWindow / seconds,
            expectedApplied + load.progressSent(),
            load.failed() + stats.sendFailures());
        System.out.printf(
            Locale.ROOT,
            "applied     %.0f msg/s sustained by inventory over the window (%d reports applied,"
                + " %d progress consumed, in all); backlog at the end of sending %d, drained in"
                + " %.1f s%n",
            consumedInWindow / seconds,
            applied,
            progressConsumed,
            Math.round(expectedApplied + load.progressSent() - consumed(atEnd)),
            drainSeconds);
        System.out.printf(
            Locale.ROOT,
            "latency     p50 %.0f ms, p99 %.0f ms, max <= %.0f ms (adapter received -> inventory"
                + " applied; %d reports in the window, drain included)%n",
            latency.quantile(0.50) * 1000,
            latency.quantile(0.99) * 1000,
            latency.maxBound() * 1000,
            latency.count());
        System.out.printf(
            Locale.ROOT,
            "rejects     %d by the adapter (of %.0f received); %.0f skipped by inventory%n",
            rejected,
            adapterMetrics.sum(RECEIVED),
            after.sum(IGNORED));
        System.out.printf(
            Locale.ROOT,
            "lost        %d%s%n",
            lost,
            drained
                ? ""
                : " or still on the way: not drained (stalled "
                    + STALLED.toSeconds()
                    + " s, or "
                    + DRAIN.toSeconds()
                    + " s in all)");
        boolean goal =
            consumedInWindow / seconds >= 3000 && latency.quantile(0.99) <= 0.5 && lost == 0;
        System.out.println(
            "goal        >= 3000 msg/s, p99 <= 500 ms, nothing lost: "
                + (goal ? "met" : "NOT met"));
        fleet.close();
        return lost == 0;
      }
    }
  }

  /**
   * This run's messages inventory has done with: reports applied and progress messages consumed
   * (which inventory leaves alone). Messages of other products on a shared broker are skipped as
   * {@code unknown-product} and not counted, except their progress messages.
   */
  private static double consumed(MetricsScrape scrape) {
    return scrape.sum(APPLIED) + progressConsumed(scrape);
  }

  private static double progressConsumed(MetricsScrape scrape) {
    return scrape.sum(NOT_USED, labels -> PROGRESS.equals(labels.get("type")));
  }

  /**
   * Prints the sent, adapter-received and consumed rates every {@link #SAMPLE} while the window
   * runs: where received falls behind sent the adapter (or the broker) holds the messages back,
   * where applied falls behind received it is Kafka or inventory-service.
   */
  private static Thread sampler(
      URI inventory,
      URI adapter,
      DeviceLoad load,
      LongSupplier reportsSent,
      long windowStart,
      double consumedAtStart,
      long sentAtStart) {
    Thread thread =
        new Thread(
            () -> {
              double lastConsumed = consumedAtStart;
              double lastReceived = MetricsScrape.of(adapter).sum(RECEIVED);
              long lastSent = sentAtStart;
              long last = windowStart;
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(SAMPLE.toMillis());
                  MetricsScrape now = MetricsScrape.of(inventory);
                  double received = MetricsScrape.of(adapter).sum(RECEIVED);
                  long at = System.nanoTime();
                  double consumed = consumed(now);
                  long sent = load.sent();
                  double seconds = (at - last) / 1e9;
                  System.out.printf(
                      Locale.ROOT,
                      "  %5.0f s  sent %5.0f msg/s  received %5.0f msg/s  applied %5.0f msg/s"
                          + "  backlog %6d  in flight %d%n",
                      (at - windowStart) / 1e9,
                      (sent - lastSent) / seconds,
                      (received - lastReceived) / seconds,
                      (consumed - lastConsumed) / seconds,
                      Math.round(reportsSent.getAsLong() + load.progressSent() - consumed),
                      load.inFlight());
                  lastConsumed = consumed;
                  lastReceived = received;
                  lastSent = sent;
                  last = at;
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  System.out.println("  (scrape failed: " + e.getMessage() + ")");
                }
              }
            },
            "ingest-sampler");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void awaitFleet(Fleet fleet, int deviceCount) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      FleetStats stats = fleet.stats();
      if (stats.connected() + stats.connectFailures() >= deviceCount) {
        if (stats.connectFailures() > 0) {
          throw new IllegalStateException(stats.connectFailures() + " devices could not connect");
        }
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the fleet did not connect in 5 minutes: " + fleet.stats());
  }

  /**
   * Waits until inventory applied every report sent and consumed every progress message; gives up
   * when nothing more was consumed for {@link #STALLED}, or after {@link #DRAIN} in all (a backlog
   * that takes longer is reported as what it is).
   */
  private static boolean awaitDrained(URI inventory, LongSupplier reports, LongSupplier progress)
      throws InterruptedException {
    // the last messages may still await the broker's acknowledgement: settle briefly first
    Thread.sleep(500);
    double last = -1;
    long progressedAt = System.nanoTime();
    long deadline = progressedAt + DRAIN.toNanos();
    while (System.nanoTime() - progressedAt < STALLED.toNanos() && System.nanoTime() < deadline) {
      MetricsScrape scrape = MetricsScrape.of(inventory);
      if (scrape.sum(APPLIED) >= reports.getAsLong()
          && progressConsumed(scrape) >= progress.getAsLong()) {
        return true;
      }
      if (consumed(scrape) != last) {
        last = consumed(scrape);
        progressedAt = System.nanoTime();
      }
      Thread.sleep(200);
    }
    return false;
  }

  private static void createProduct(URI inventory, String productKey) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(inventory.resolve("/api/v1/products"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"productKey\":\""
                                + productKey
                                + "\",\"name\":\"Ingest benchmark\",\"modules\":[{\"name\":\"mcu\"}]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "creating the product failed: " + response.statusCode() + " " + response.body());
    }
  }

  /** {@code 90s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT5M}). */
  static Duration duration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith("pt")) {
      return Duration.parse(value);
    }
    char unit = value.charAt(value.length() - 1);
    if (Character.isDigit(unit)) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    long amount = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (unit) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException("not a duration: " + text);
    };
  }
}
