package io.upgradehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time of this JVM's threads by what they do, from {@code /proc/self/task}: the bench JVM
 * hosts the stand-ins (MongoDB, S3) beside the simulated fleet, and its total alone does not say
 * which of them the machine spent its time on. Threads are told apart by their names as Linux keeps
 * them (15 characters). Linux only; elsewhere empty.
 */
final class ThreadCpu {

  /** Groups by thread-name prefix, first match wins; other threads are not counted here. */
  private static final List<Map.Entry<String, List<String>>> GROUPS =
      List.of(
          Map.entry("MongoDB stand-in", List.of("mongo-server")),
          Map.entry("GC", List.of("GC Thread", "G1 ", "VM Thread")),
          Map.entry("S3 stand-in", List.of("SNProxy", "S3Proxy")),
          Map.entry("fleet (MQTT clients)", List.of("com.hivemq", "fleet-")),
          // the webhook benchmark's receivers (the JDK HTTP server's) and its events' producer
          Map.entry("webhook receivers", List.of("receiver-", "HTTP-Dispatcher")),
          Map.entry("Kafka producer", List.of("kafka-producer-", "publisher")),
          Map.entry("JIT compiler", List.of("C1 Compiler", "C2 Compiler")));

  private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private ThreadCpu() {}

  /** CPU time so far of this JVM's live threads in the groups, by group. */
  static Map<String, Duration> now() {
    Map<String, Duration> groups = new LinkedHashMap<>();
    GROUPS.forEach(group -> groups.put(group.getKey(), Duration.ZERO));
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(
          task -> {
            try {
              String name = Files.readString(task.resolve("comm")).strip();
              String stat = Files.readString(task.resolve("stat"));
              // fields after the name's closing parenthesis: state is field 3, utime 14, stime 15
              String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
              String group = groupOf(name);
              if (group != null) {
                groups.merge(
                    group, Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND), Duration::plus);
              }
            } catch (IOException | RuntimeException e) {
              // the thread ended while being read
            }
          });
    } catch (IOException e) {
      return Map.of();
    }
    return groups;
  }

  /** The group of a thread by its name; {@code null} for a thread of none. */
  private static String groupOf(String threadName) {
    for (Map.Entry<String, List<String>> group : GROUPS) {
      if (group.getValue().stream().anyMatch(threadName::startsWith)) {
        return group.getKey();
      }
    }
    return null;
  }
}
