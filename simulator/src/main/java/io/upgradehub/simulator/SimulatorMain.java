package io.upgradehub.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Fleet} from the command line, prints its counters every few seconds, and closes it
 * cleanly after {@code --duration} or on Ctrl-C.
 *
 * <pre>
 * --broker=tcp://127.0.0.1:1883 --product=demo-thermostat --devices=1000 --prefix=sim-
 * [--first=0] [--digits=0] --rate=500 --versions=default=1.0.0:3|1.1.0:1,mcu=0.9.0 --duration=60s
 * [--silent=0.05] [--fail=-3:0.1,-1:0.05] [--latency=500ms] [--request=true]
 * [--reconnect-delay=1s] [--reconnect-max-delay=60s]
 * [--public-key=BASE64 | --signing-key-url=http://…/api/v1/packages/signing-key [--api-key=KEY]]
 * [--download-threads=8] [--interrupt-downloads=BYTES[:PAUSE]] [--url-wait=30s]
 * [--step-delay=1s] [--download-time=2s] [--netty-threads=0] [--shared-connections=0]
 * [--report-every=5s] [--seed=42]
 * </pre>
 *
 * {@code --duration=0} runs until Ctrl-C. A bad option prints what is wrong and exits with 2.
 */
public final class SimulatorMain {

  private static final Set<String> OPTIONS =
      Set.of(
          "broker",
          "product",
          "devices",
          "prefix",
          "first",
          "digits",
          "rate",
          "versions",
          "duration",
          "silent",
          "fail",
          "latency",
          "request",
          "reconnect-delay",
          "reconnect-max-delay",
          "public-key",
          "signing-key-url",
          "api-key",
          "download-threads",
          "interrupt-downloads",
          "url-wait",
          "step-delay",
          "download-time",
          "netty-threads",
          "shared-connections",
          "report-every",
          "seed");

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        exit("options are --name=value; bad: " + arg);
      }
      String name = arg.substring(2, arg.indexOf('='));
      if (!OPTIONS.contains(name)) {
        exit("unknown option --" + name);
      }
      options.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    Fleet.Builder builder;
    try {
      builder = builder(options);
    } catch (RuntimeException e) {
      exit(e.getMessage());
      return;
    }
    Duration duration = duration(options.getOrDefault("duration", "60s"));
    Duration every = duration(options.getOrDefault("report-every", "5s"));
    if (every.isZero() || every.isNegative()) {
      exit("--report-every must be positive");
    }

    Fleet fleet;
    try {
      fleet = builder.build();
    } catch (IllegalArgumentException e) {
      exit(e.getMessage());
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  done.countDown();
                  try {
                    closed.await(40, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "simulator-shutdown"));

    long start = System.nanoTime();
    fleet.start();
    FleetStats previous = fleet.stats();
    long previousAt = start;
    long allConnectedAfter = -1;
    long deadline = duration.isZero() ? Long.MAX_VALUE : start + duration.toNanos();
    while (!done.await(Math.min(every.toMillis(), remaining(deadline)), TimeUnit.MILLISECONDS)) {
      long now = System.nanoTime();
      FleetStats stats = fleet.stats();
      if (allConnectedAfter < 0 && stats.connected() == stats.devices()) {
        allConnectedAfter = now - start;
      }
      System.out.println(line(stats, previous, now - previousAt, now - start, allConnectedAfter));
      previous = stats;
      previousAt = now;
      if (deadline - now < TimeUnit.MILLISECONDS.toNanos(5)) {
        break;
      }
    }
    System.out.println("disconnecting …");
    fleet.close();
    System.out.println(line(fleet.stats(), previous, 0, System.nanoTime() - start, -1));
    closed.countDown();
    // the MQTT client's shared Netty event loop outlives the last connection and would keep
    // the JVM alive
    System.exit(0);
  }

  /** The fleet the options describe; throws on a value that does not parse. */
  static Fleet.Builder builder(Map<String, String> options) {
    Fleet.Builder builder =
        Fleet.builder()
            .broker(URI.create(options.getOrDefault("broker", "tcp://127.0.0.1:1883")))
            .productKey(options.getOrDefault("product", "demo-thermostat"))
            .count(integer(options, "devices", "1000"))
            .prefix(options.getOrDefault("prefix", "sim-"))
            .numbering(integer(options, "first", "0"), integer(options, "digits", "0"))
            .connectRate(integer(options, "rate", "500"))
            .silentShare(Double.parseDouble(options.getOrDefault("silent", "0")))
            .latency(duration(options.getOrDefault("latency", "0")))
            .requestOnConnect(bool(options, "request"))
            .reconnectBackoff(
                duration(options.getOrDefault("reconnect-delay", "1s")),
                duration(options.getOrDefault("reconnect-max-delay", "60s")))
            .downloadThreads(integer(options, "download-threads", "8"))
            .urlWait(duration(options.getOrDefault("url-wait", "30s")))
            .stepDelay(duration(options.getOrDefault("step-delay", "1s")))
            .downloadTime(duration(options.getOrDefault("download-time", "2s")))
            .nettyThreads(integer(options, "netty-threads", "0"))
            .sharedConnections(integer(options, "shared-connections", "0"));
    for (String module : options.getOrDefault("versions", "default=1.0.0").split(",")) {
      String[] parts = module.split("=", 2);
      if (parts.length != 2) {
        throw new IllegalArgumentException("--versions: module=version[:weight]|…, bad: " + module);
      }
      Map<String, Integer> weights = new LinkedHashMap<>();
      for (String version : parts[1].split("\\|")) {
        String[] weighted = version.split(":", 2);
        weights.put(
            weighted[0].strip(), weighted.length == 2 ? Integer.parseInt(weighted[1].strip()) : 1);
      }
      builder.module(parts[0].strip(), weights);
    }
    if (options.containsKey("fail")) {
      for (String pair : options.get("fail").split(",")) {
        String[] parts = pair.split(":", 2);
        if (parts.length != 2) {
          throw new IllegalArgumentException("--fail: code:share,…, bad: " + pair);
        }
        builder.failureRate(Integer.parseInt(parts[0].strip()), Double.parseDouble(parts[1]));
      }
    }
    if (options.containsKey("interrupt-downloads")) {
      String[] parts = options.get("interrupt-downloads").split(":", 2);
      builder.interruptDownloads(
          Long.parseLong(parts[0].strip()), duration(parts.length == 2 ? parts[1] : "0"));
    }
    if (options.containsKey("public-key")) {
      builder.verifyDownloads(options.get("public-key"));
    } else if (options.containsKey("signing-key-url")) {
      builder.verifyDownloads(
          SigningKey.fetch(URI.create(options.get("signing-key-url")), options.get("api-key")));
    }
    if (options.containsKey("seed")) {
      builder.seed(Long.parseLong(options.get("seed")));
    }
    return builder;
  }

  private static boolean bool(Map<String, String> options, String name) {
    String value = options.getOrDefault(name, "false").strip();
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException("--" + name + " must be true or false");
    }
    return Boolean.parseBoolean(value);
  }

  private static int integer(Map<String, String> options, String name, String fallback) {
    try {
      return Integer.parseInt(options.getOrDefault(name, fallback).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be an integer", e);
    }
  }

  private static void exit(String message) {
    System.err.println("simulator: " + message);
    System.err.println("options: see docs/simulator.md");
    System.exit(2);
  }

  private static long remaining(long deadline) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static String line(
      FleetStats stats, FleetStats previous, long intervalNanos, long sinceStart, long allAfter) {
    Runtime runtime = Runtime.getRuntime();
    double seconds = intervalNanos / 1e9;
    return String.format(
        Locale.ROOT,
        "t=%5.1fs connected=%d/%d%s failed-connects=%d reconnects=%d sent=%d (%.0f/s)"
            + " received=%d requests=%d upgrades ok=%d failed=%d cancelled=%d resumed=%d"
            + " heap=%dMiB",
        sinceStart / 1e9,
        stats.connected(),
        stats.devices(),
        allAfter > 0 ? String.format(Locale.ROOT, " (all after %.1fs)", allAfter / 1e9) : "",
        stats.connectFailures(),
        stats.reconnects(),
        stats.messagesSent(),
        seconds > 0 ? (stats.messagesSent() - previous.messagesSent()) / seconds : 0.0,
        stats.messagesReceived(),
        stats.requests(),
        stats.upgradesSucceeded(),
        stats.upgradesFailed(),
        stats.upgradesCancelled(),
        stats.resumedDownloads(),
        (runtime.totalMemory() - runtime.freeMemory()) >> 20);
  }

  /** {@code 500ms}, {@code 60s} (or {@code 60}), {@code 5m}, or an ISO-8601 duration. */
  static Duration duration(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("a duration is empty");
    }
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    if (value.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    return Duration.parse(text);
  }
}
