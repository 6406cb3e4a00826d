package io.upgradehub.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Fleet} from the command line, prints its counters every few seconds, and closes it
 * cleanly after {@code --duration} or on Ctrl-C.
 *
 * <pre>
 * --broker=tcp://127.0.0.1:1883 --product=demo-thermostat --devices=1000 --prefix=sim-
 * --rate=500 --versions=default=1.0.0,mcu=0.9.0 --duration=60s
 * [--silent=0.05] [--fail=-3:0.1,-1:0.05] [--public-key=BASE64] [--step-delay=1s]
 * [--download-time=2s] [--report-every=5s] [--seed=42]
 * </pre>
 *
 * {@code --duration=0} runs until Ctrl-C.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        System.err.println("usage: --name=value …, see SimulatorMain's Javadoc; bad: " + arg);
        System.exit(2);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Fleet.Builder builder =
        Fleet.builder()
            .broker(URI.create(options.getOrDefault("broker", "tcp://127.0.0.1:1883")))
            .productKey(options.getOrDefault("product", "demo-thermostat"))
            .count(Integer.parseInt(options.getOrDefault("devices", "1000")))
            .prefix(options.getOrDefault("prefix", "sim-"))
            .connectRate(Integer.parseInt(options.getOrDefault("rate", "500")))
            .silentShare(Double.parseDouble(options.getOrDefault("silent", "0")))
            .stepDelay(duration(options.getOrDefault("step-delay", "1s")))
            .downloadTime(duration(options.getOrDefault("download-time", "2s")));
    for (String pair : options.getOrDefault("versions", "default=1.0.0").split(",")) {
      String[] parts = pair.split("=", 2);
      builder.module(parts[0].strip(), parts[1].strip());
    }
    if (options.containsKey("fail")) {
      for (String pair : options.get("fail").split(",")) {
        String[] parts = pair.split(":", 2);
        builder.failureRate(Integer.parseInt(parts[0].strip()), Double.parseDouble(parts[1]));
      }
    }
    if (options.containsKey("public-key")) {
      builder.verifyDownloads(options.get("public-key"));
    }
    if (options.containsKey("seed")) {
      builder.seed(Long.parseLong(options.get("seed")));
    }
    Duration duration = duration(options.getOrDefault("duration", "60s"));
    Duration every = duration(options.getOrDefault("report-every", "5s"));

    Fleet fleet = builder.build();
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
        "t=%5.1fs connected=%d/%d%s failed-connects=%d sent=%d (%.0f/s) received=%d"
            + " upgrades ok=%d failed=%d cancelled=%d heap=%dMiB",
        sinceStart / 1e9,
        stats.connected(),
        stats.devices(),
        allAfter > 0 ? String.format(Locale.ROOT, " (all after %.1fs)", allAfter / 1e9) : "",
        stats.connectFailures(),
        stats.messagesSent(),
        seconds > 0 ? (stats.messagesSent() - previous.messagesSent()) / seconds : 0.0,
        stats.messagesReceived(),
        stats.upgradesSucceeded(),
        stats.upgradesFailed(),
        stats.upgradesCancelled(),
        (runtime.totalMemory() - runtime.freeMemory()) >> 20);
  }

  /** {@code 500ms}, {@code 60s} (or {@code 60}), {@code 5m}, or an ISO-8601 duration. */
  static Duration duration(String text) {
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
