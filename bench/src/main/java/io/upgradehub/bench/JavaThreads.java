package io.upgradehub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time of another JVM's threads (a service), from {@code jcmd <pid> Thread.print}, which
 * gives each thread's whole name and its {@code cpu=}: {@link ThreadCpu} reads {@code /proc}, whose
 * 15-character names do not tell a service's threads apart. Threads are matched by their native id
 * across two snapshots (OkHttp renames its threads for every call) and grouped by their name with
 * the numbers taken out.
 *
 * @param threads native thread id → its name and CPU milliseconds so far
 */
record JavaThreads(Map<String, Map.Entry<String, Double>> threads) {

  private static final Pattern THREAD =
      Pattern.compile("^\"(.*)\" .*\\bcpu=([0-9.]+)ms .*\\bnid=(\\S+)");

  /** A snapshot of {@code process}'s threads; empty when jcmd is missing or fails. */
  static JavaThreads of(ProcessHandle process) {
    Map<String, Map.Entry<String, Double>> threads = new HashMap<>();
    try {
      Process jcmd =
          new ProcessBuilder(jcmd(), Long.toString(process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
      }
      for (String line : dump.split("\n")) {
        Matcher m = THREAD.matcher(line);
        if (m.find()) {
          threads.put(m.group(3), Map.entry(m.group(1), Double.parseDouble(m.group(2))));
        }
      }
    } catch (IOException e) {
      // no jcmd here: no breakdown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new JavaThreads(threads);
  }

  /**
   * The {@code top} thread groups by CPU between {@code before} and this snapshot, one line each
   * with its share of {@code wall}, indented by {@code indent}.
   */
  String since(JavaThreads before, Duration wall, int top, String indent) {
    Map<String, Double> groups = new HashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    threads.forEach(
        (nid, thread) -> {
          Map.Entry<String, Double> earlier = before.threads().get(nid);
          double millis = thread.getValue() - (earlier == null ? 0 : earlier.getValue());
          String group = group(thread.getKey());
          groups.merge(group, millis, Double::sum);
          counts.merge(group, 1, Integer::sum);
        });
    Map<String, Double> sorted = new LinkedHashMap<>();
    groups.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    StringBuilder out = new StringBuilder();
    double seconds = wall.toNanos() / 1e9;
    sorted.forEach(
        (group, millis) ->
            out.append(
                String.format(
                    "%s%-44s %3d threads %6.1f s CPU  %5.2f cores%n",
                    indent, group, counts.get(group), millis / 1000, millis / 1000 / seconds)));
    return out.toString();
  }

  /** The jcmd of the JDK this JVM runs on (the services' JDK), else whichever is on the path. */
  private static String jcmd() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    return Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
  }

  /** A thread's name without its numbers (and without the URL OkHttp puts in it), shortened. */
  private static String group(String name) {
    // numbers standing alone or ending a thread's name go ("C2 CompilerThread0": C2 stays)
    String group =
        name.startsWith("OkHttp http")
            ? "OkHttp <call>"
            : name.replaceAll("(?<![A-Za-z])\\d+|(?<=Thread)\\d+", "N");
    return group.length() <= 44 ? group : group.substring(0, 43) + "…";
  }
}
