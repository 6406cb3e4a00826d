package io.upgradehub.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import io.upgradehub.platform.Platform;
import io.upgradehub.simulator.Fleet;
import io.upgradehub.simulator.FleetStats;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The simulated fleet of the campaign and transfer benchmarks: {@code dev-0000000…} (the names of
 * {@link GeneratedFleet#deviceName}) on one version, each device on a connection of its own while
 * the fleet fits the open-files limit, else on shared connections; connected, and its connect
 * messages applied by inventory-service, before the run's clock starts.
 */
final class BenchFleet {

  private static final String APPLIED = "upgradehub_device_reports_applied_total";

  private BenchFleet() {}

  /**
   * The fleet, not started, from the options {@code connect-rate} (2000), {@code step-delay} (1s),
   * {@code download-time} (2s) and {@code shared-connections} (auto); exits 2 when the fleet needs
   * more connections than the open-files limit allows.
   */
  static Fleet build(
      Platform platform,
      String productKey,
      int devices,
      String version,
      Map<String, String> options) {
    int connectRate = Integer.parseInt(options.getOrDefault("connect-rate", "2000"));
    Duration stepDelay = IngestBenchmark.duration(options.getOrDefault("step-delay", "1s"));
    Duration downloadTime = IngestBenchmark.duration(options.getOrDefault("download-time", "2s"));
    int sharedConnections =
        sharedConnections(devices, options.getOrDefault("shared-connections", "auto"));
    return Fleet.builder()
        .broker(platform.mqttUri())
        .productKey(productKey)
        .prefix("dev-")
        .numbering(0, 7)
        .count(devices)
        .module("default", version)
        .connectRate(connectRate)
        .sharedConnections(sharedConnections)
        .stepDelay(stepDelay)
        .downloadTime(downloadTime)
        .seed(42)
        .build();
  }

  /**
   * Shared connections for {@code devices}: {@code auto} is none while a connection each fits the
   * open-files limit (this JVM and Mosquitto need a file each), else one per 2,000 devices.
   */
  private static int sharedConnections(int devices, String option) {
    long openFiles = openFilesLimit();
    long socketsAllowed = openFiles > 0 ? openFiles - 1_000 : Long.MAX_VALUE;
    int shared =
        !"auto".equals(option)
            ? Integer.parseInt(option)
            : devices <= socketsAllowed ? 0 : (devices + 1_999) / 2_000;
    int connections = shared == 0 ? devices : shared;
    if (connections > socketsAllowed) {
      System.err.printf(
          "%,d connections need as many open files in this JVM and in Mosquitto; the limit here"
              + " is %,d (ulimit -n; the hard limit may be raised only with privileges): use"
              + " --shared-connections=auto%n",
          connections, openFiles);
      System.exit(2);
    }
    if (shared > 0) {
      System.out.printf(
          "the %,d devices ride on %,d shared MQTT connections (a socket each would pass the"
              + " open-files limit of %,d)%n",
          devices, shared, openFiles);
    }
    return shared;
  }

  private static long openFilesLimit() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
  }

  /** Starts the fleet and waits until it is connected and inventory-service applied its reports. */
  static void connect(Fleet fleet, int devices, URI inventory) throws InterruptedException {
    long connectStart = System.nanoTime();
    fleet.start();
    awaitConnected(fleet, devices);
    boolean settled = awaitApplied(inventory, fleet);
    System.out.printf(
        "fleet: %,d devices connected in %.1f s, %,d messages sent, %s%n",
        devices,
        (System.nanoTime() - connectStart) / 1e9,
        fleet.stats().messagesSent(),
        settled ? "all applied by inventory" : "NOT all applied by inventory yet");
  }

  private static void awaitConnected(Fleet fleet, int devices) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    long nextLine = 0;
    while (System.nanoTime() < deadline) {
      FleetStats stats = fleet.stats();
      // a device whose attempt failed (the broker slow to answer while thousands connect) tries
      // again with backoff, as a real one does
      if (stats.connected() >= devices) {
        if (stats.connectFailures() > 0) {
          System.out.printf(
              "  fleet: %,d connection attempts failed and were tried again%n",
              stats.connectFailures());
        }
        return;
      }
      if (System.nanoTime() > nextLine) {
        System.out.printf("  fleet: %,d of %,d connected%n", stats.connected(), devices);
        nextLine = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the fleet did not connect in 10 minutes: " + fleet.stats());
  }

  /**
   * Waits (at most 5 minutes) until inventory-service applied the fleet's connect messages (status
   * online, inform), so that the run's clock does not also carry that backlog.
   */
  private static boolean awaitApplied(URI inventory, Fleet fleet) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (MetricsScrape.of(inventory).sum(APPLIED) >= fleet.stats().messagesSent()) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }
}
