package io.upgradehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU time of this JVM and of its child processes (the services, Kafka, Mosquitto), each named
 * by its command line, and of the whole machine from {@code /proc/stat}: two snapshots give each
 * process's share of a run. Linux only; a process that is gone counts as 0.
 *
 * @param cpu CPU time (user + system) by process name
 * @param benchThreads this JVM's CPU time by what its threads do ({@link ThreadCpu})
 * @param machineBusy the machine's busy jiffies (all but idle and iowait), over every core
 * @param machineTotal the machine's jiffies, over every core
 */
record ProcessCpu(
    Map<String, Duration> cpu,
    Map<String, Duration> benchThreads,
    long machineBusy,
    long machineTotal) {

  /** Names for child command lines, first match wins. */
  private static final List<Map.Entry<String, String>> NAMES =
      List.of(
          Map.entry("campaign-service.jar", "campaign-service"),
          Map.entry("notification-service.jar", "notification-service"),
          Map.entry("inventory-service.jar", "inventory-service"),
          Map.entry("device-adapter.jar", "device-adapter"),
          Map.entry("package-service.jar", "package-service"),
          Map.entry("gateway.jar", "gateway"),
          Map.entry("kafka.Kafka", "kafka"),
          Map.entry("mosquitto", "mosquitto"));

  static final String BENCH = "bench JVM (MongoDB, S3, fleet)";

  /** This JVM's and its descendants' CPU time now. */
  static ProcessCpu now() {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    cpu.put(BENCH, total(ProcessHandle.current()));
    ProcessHandle.current()
        .descendants()
        .forEach(
            process -> {
              String line = process.info().commandLine().orElse("");
              NAMES.stream()
                  .filter(name -> line.contains(name.getKey()))
                  .findFirst()
                  .ifPresent(name -> cpu.merge(name.getValue(), total(process), Duration::plus));
            });
    long[] machine = machine();
    return new ProcessCpu(cpu, ThreadCpu.now(), machine[0], machine[1]);
  }

  private static Duration total(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Busy and total jiffies of the machine, from the {@code cpu} line of {@code /proc/stat}. */
  private static long[] machine() {
    try {
      Optional<String> line =
          Files.readAllLines(Path.of("/proc/stat")).stream()
              .filter(l -> l.startsWith("cpu "))
              .findFirst();
      if (line.isEmpty()) {
        return new long[] {0, 0};
      }
      String[] fields = line.get().trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < fields.length; i++) {
        long value = Long.parseLong(fields[i]);
        total += value;
        if (i == 4 || i == 5) {
          idle += value; // idle, iowait
        }
      }
      return new long[] {total - idle, total};
    } catch (IOException | NumberFormatException e) {
      return new long[] {0, 0};
    }
  }

  /**
   * The bench JVM's {@code used} CPU seconds by thread group, the groups that used any; "other" is
   * the rest, including threads that ended between the snapshots.
   */
  private String benchThreadsSince(ProcessCpu before, double used) {
    StringBuilder out = new StringBuilder();
    double named = 0;
    for (Map.Entry<String, Duration> group : benchThreads.entrySet()) {
      double seconds =
          (group.getValue().toNanos()
                  - before.benchThreads().getOrDefault(group.getKey(), Duration.ZERO).toNanos())
              / 1e9;
      named += seconds;
      // a group of another benchmark's (no S3 in one, no receivers in another) is left out
      if (seconds >= 0.05) {
        out.append(String.format("    %-30s %7.1f s CPU%n", group.getKey(), seconds));
      }
    }
    if (!benchThreads.isEmpty()) {
      out.append(String.format("    %-30s %7.1f s CPU%n", "other", used - named));
    }
    return out.toString();
  }

  /**
   * What each process used between {@code before} and this snapshot, over {@code wall}: lines of
   * name, CPU seconds, cores (CPU seconds per wall second) and share of the cores the machine has;
   * then the sum, and how busy the machine was (others' processes included).
   */
  String since(ProcessCpu before, Duration wall) {
    StringBuilder out = new StringBuilder();
    int cores = Runtime.getRuntime().availableProcessors();
    double seconds = wall.toNanos() / 1e9;
    double sum = 0;
    for (Map.Entry<String, Duration> entry : cpu.entrySet()) {
      double used =
          (entry.getValue().toNanos()
                  - before.cpu().getOrDefault(entry.getKey(), Duration.ZERO).toNanos())
              / 1e9;
      sum += used;
      out.append(
          String.format(
              "  %-32s %7.1f s CPU  %5.2f cores  %5.1f %% of the machine%n",
              entry.getKey(), used, used / seconds, 100 * used / seconds / cores));
      if (entry.getKey().equals(BENCH)) {
        out.append(benchThreadsSince(before, used));
      }
    }
    out.append(
        String.format(
            "  %-32s %7.1f s CPU  %5.2f cores  %5.1f %% of the machine%n",
            "all of the above", sum, sum / seconds, 100 * sum / seconds / cores));
    long total = machineTotal - before.machineTotal();
    if (total > 0) {
      out.append(
          String.format(
              "  machine busy (every process, others' included): %.1f %% of %d cores%n",
              100.0 * (machineBusy - before.machineBusy()) / total, cores));
    }
    return out.toString();
  }
}
