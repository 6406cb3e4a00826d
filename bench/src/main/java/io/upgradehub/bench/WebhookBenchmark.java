package io.upgradehub.bench;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.testsupport.EmbeddedMongo;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Webhook delivery: how many signed messages a second notification-service delivers to a local
 * receiver (goal ≥ 2,000/s), and how much a receiver that times out slows a healthy one (goal: not
 * measurably).
 *
 * <p>Starts only what delivery needs: the tests' in-memory MongoDB in this JVM, Kafka and
 * notification-service ({@link Platform}, free ports), its address guard opened to {@value #HOST}
 * alone, where this JVM runs two receivers: a {@link SigningReceiver} that checks every signature
 * and answers 204, and a {@link StuckReceiver} that never answers. Instead of campaign-service and
 * package-service, {@link JobEvents} publishes their events: a package per phase, then {@code
 * events} job events of distinct devices, SUCCEEDED, as fast as the producer batches them (or
 * {@code rate} a second). A notification is created for each receiver through the service's API.
 *
 * <p>A warm-up phase (its own package) runs to its last delivery first, so that the service's code
 * is compiled. Phase "alone": a package associated with the healthy notification only. Phase "with
 * stuck": a package associated with both, so each event makes two messages, one of which waits for
 * the request timeout. Each phase reports the healthy receiver's deliveries/s (first to last
 * message, and from the first event published), its delivery delay (receive time less the event's
 * {@code data.at}), signature failures, duplicates by {@code webhook-id}, the records by status
 * through the API, and the CPU of each process and of the service's threads.
 *
 * <p>Arguments ({@code --name=value}): {@code events} (50000 a phase), {@code warm-up} (20000; 0:
 * none), {@code rate} (0: as fast as it goes; events a second otherwise), {@code timeout} (5m a
 * phase), {@code service-heap} (384m), {@code receiver-threads} (8), {@code notification-property}
 * (one extra Spring property for the service, {@code key=value}). Exits 1 when the healthy receiver
 * did not get every message of a phase, signed right, in time.
 */
public final class WebhookBenchmark {

  /** The receivers' address: the only one the service's address guard is opened to. */
  static final String HOST = "127.0.0.2";

  static final String PRODUCT = "bench-webhooks";

  private static final Duration SETTLE = Duration.ofSeconds(5);

  private WebhookBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int events = Integer.parseInt(options.getOrDefault("events", "50000"));
    int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "20000"));
    int rate = Integer.parseInt(options.getOrDefault("rate", "0"));
    Duration timeout = IngestBenchmark.duration(options.getOrDefault("timeout", "5m"));
    String heap = options.getOrDefault("service-heap", "384m");
    int threads = Integer.parseInt(options.getOrDefault("receiver-threads", "8"));
    String property = options.get("notification-property");

    // kept until the next run, for the service's log
    Path directory = Path.of("bench", "target", "webhooks").toAbsolutePath();
    if (Files.exists(directory)) {
      Directories.deleteTree(directory);
    }
    boolean complete;
    try (SigningReceiver healthy = SigningReceiver.start(HOST, threads);
        StuckReceiver stuck = StuckReceiver.start(HOST);
        EmbeddedMongo mongo = EmbeddedMongo.inMemory();
        Platform platform = start(directory, mongo.port(), heap, property);
        JobEvents publisher = new JobEvents(platform.kafkaBootstrapServers())) {
      NotificationApi api =
          new NotificationApi(
              URI.create("http://127.0.0.1:" + platform.port(Component.NOTIFICATION_SERVICE)));
      Map.Entry<String, String> healthyNotification =
          api.create("bench healthy", healthy.url("/webhooks"));
      healthy.token(healthyNotification.getValue());
      String stuckId = api.create("bench stuck", stuck.url("/webhooks")).getKey();
      String healthyId = healthyNotification.getKey();

      // a package per phase: only the last one's messages go to the stuck receiver too
      String runId = Long.toString(System.currentTimeMillis(), 36);
      List<String> phases = List.of("warm-up", "alone", "with-stuck");
      for (String phase : phases) {
        publisher.packageCreated(packageId(runId, phase), PRODUCT);
      }
      Duration patience = Duration.ofSeconds(60);
      for (String phase : phases) {
        api.associate(healthyId, PRODUCT, packageId(runId, phase), patience);
      }
      api.associate(stuckId, PRODUCT, packageId(runId, "with-stuck"), patience);

      WebhookPhase.Setup setup =
          new WebhookPhase.Setup(
              healthy, stuck, publisher, api, serviceProcess(), healthyId, stuckId);
      if (warmUp > 0) {
        WebhookPhase warm =
            WebhookPhase.run(
                setup,
                batchId(runId, "warm-up"),
                packageId(runId, "warm-up"),
                false,
                warmUp,
                rate,
                timeout,
                false);
        System.out.printf(
            "warm-up: %,d of %,d delivered in %.1f s%n",
            warm.healthy().distinct(), warmUp, warm.seconds(warm.endNanos()));
        // the compilers still have a queue (5,000 messages left them busy for the whole first
        // phase, which then ran slower than the second): let it drain before measuring
        Thread.sleep(SETTLE.toMillis());
      }
      List<WebhookPhase> results = new ArrayList<>();
      for (String phase : phases.subList(1, 3)) {
        System.out.printf("%nphase %s:%n", phase);
        results.add(
            WebhookPhase.run(
                setup,
                batchId(runId, phase),
                packageId(runId, phase),
                phase.equals("with-stuck"),
                events,
                rate,
                timeout,
                true));
      }
      print(results.get(0), results.get(1), events, rate, heap, platform);
      complete = results.get(0).complete() && results.get(1).complete();
    }
    System.exit(complete ? 0 : 1);
  }

  private static Platform start(Path directory, int mongoPort, String heap, String property)
      throws IOException {
    // the service runs from a copy of its jar: a build meanwhile (mvn package replaces the jar)
    // would take its classes from under it (NoClassDefFoundError in the middle of a run)
    Path jar = directory.resolve("notification-service.jar");
    Files.createDirectories(directory);
    Files.copy(
        Path.of("notification-service", "target", "notification-service.jar"),
        jar,
        StandardCopyOption.REPLACE_EXISTING);
    Platform.Builder builder =
        Platform.builder()
            .serviceJar(Component.NOTIFICATION_SERVICE, jar)
            // free ports first: a port set before would be replaced
            .freePorts()
            .port(Component.MONGO, mongoPort)
            .directory(directory)
            .components(
                EnumSet.of(Component.MONGO, Component.KAFKA, Component.NOTIFICATION_SERVICE))
            .serviceHeap(heap)
            // the receivers run on this machine, which the guard refuses unless allowed: only
            // their address is, so the service's own ports on 127.0.0.1 stay refused
            .property(
                Component.NOTIFICATION_SERVICE,
                "upgradehub.notifications.address-guard.allowed-ranges=" + HOST + "/32");
    if (property != null) {
      builder.property(Component.NOTIFICATION_SERVICE, property);
    }
    Platform platform = builder.start();
    System.out.printf(
        "platform up in %.1f s (notification-service at -Xmx%s, logs in %s)%n",
        platform.startupDuration().toMillis() / 1000.0,
        heap,
        platform.logFile(Component.NOTIFICATION_SERVICE).getParent());
    return platform;
  }

  private static ProcessHandle serviceProcess() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("notification-service.jar"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("notification-service's process not found"));
  }

  private static String packageId(String runId, String phase) {
    return "pkg-" + runId + "-" + phase;
  }

  private static String batchId(String runId, String phase) {
    return "batch-" + runId + "-" + phase;
  }

  private static void print(
      WebhookPhase alone,
      WebhookPhase withStuck,
      int events,
      int rate,
      String heap,
      Platform platform) {
    System.out.printf(
        "%n== webhooks: %,d device.succeeded events a phase%s, notification-service at -Xmx%s ==%n",
        events, rate > 0 ? String.format(" at %,d/s", rate) : " at once", heap);
    row("", "healthy receiver alone", "healthy + stuck receiver");
    row(
        "published",
        String.format("%,d events in %.1f s", events, alone.seconds(alone.publishedNanos())),
        String.format(
            "%,d events in %.1f s", events, withStuck.seconds(withStuck.publishedNanos())));
    row("delivered", delivered(alone), delivered(withStuck));
    row(
        "signatures",
        String.format("%,d failed", alone.healthy().badSignatures()),
        String.format("%,d failed", withStuck.healthy().badSignatures()));
    row("timing", timing(alone), timing(withStuck));
    row(
        "rate",
        String.format("%,.0f/s (%,.0f/s from publish)", alone.rate(), alone.rateFromStart()),
        String.format(
            "%,.0f/s (%,.0f/s from publish)", withStuck.rate(), withStuck.rateFromStart()));
    row("delay p50", seconds(alone.delay(50)), seconds(withStuck.delay(50)));
    row("delay p99", seconds(alone.delay(99)), seconds(withStuck.delay(99)));
    row("delay max", seconds(alone.delay(100)), seconds(withStuck.delay(100)));
    row("records", counts(alone.healthyRecords()), counts(withStuck.healthyRecords()));
    row(
        "stuck",
        "not associated",
        String.format(
            "%,d attempts; %s", withStuck.stuckAttempts(), counts(withStuck.stuckRecords())));
    cpu("alone", alone);
    cpu("with the stuck receiver", withStuck);
    System.out.printf(
        "added       by the stuck receiver: rate %+.0f %%, delay p50 %+.0f %%, p99 %+.0f %%%n",
        change(alone.rate(), withStuck.rate()),
        change(alone.delay(50), withStuck.delay(50)),
        change(alone.delay(99), withStuck.delay(99)));
    System.out.printf(
        "goal        >= 2,000 deliveries/s with signing: %s%n",
        alone.complete() && alone.rate() >= 2_000 ? "met" : "NOT met");
    // within 10 %: what two runs of the same phase differ by on this shared machine
    boolean unharmed =
        withStuck.complete()
            && withStuck.rate() >= 0.9 * alone.rate()
            && withStuck.delay(99) <= 1.1 * alone.delay(99);
    System.out.printf(
        "goal        a stuck receiver adds no measurable delay (rate and p99 within 10 %%): %s%n",
        unharmed ? "met" : "NOT met");
    System.out.printf("logs: %s%n", platform.logFile(Component.NOTIFICATION_SERVICE).getParent());
  }

  private static void row(String label, String alone, String withStuck) {
    System.out.printf("%-11s %-38s %s%n", label, alone, withStuck);
  }

  private static String delivered(WebhookPhase phase) {
    return String.format(
        "%,d of %,d, %,d duplicates",
        phase.healthy().distinct(), phase.events(), phase.healthy().duplicates());
  }

  private static String timing(WebhookPhase phase) {
    SigningReceiver.Tally tally = phase.healthy();
    if (tally.distinct() == 0) {
      return "nothing received";
    }
    return String.format(
        "first %.1f s, last %.1f s",
        phase.seconds(tally.firstNanos()), phase.seconds(tally.lastNanos()));
  }

  private static String seconds(double seconds) {
    return seconds < 1
        ? String.format("%.0f ms", seconds * 1000)
        : String.format("%.2f s", seconds);
  }

  /** The statuses with records, as {@code DELIVERED 50,000}. */
  private static String counts(Map<String, Long> counts) {
    String listed =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    return listed.isEmpty() ? "none" : listed;
  }

  private static double change(double before, double after) {
    return before == 0 ? 0 : 100 * (after - before) / before;
  }

  private static void cpu(String what, WebhookPhase phase) {
    System.out.printf(
        "cpu         %s, over the %.1f s phase:%n", what, phase.wall().toNanos() / 1e9);
    System.out.print(phase.cpuAfter().since(phase.cpuBefore(), phase.wall()));
    System.out.println("  notification-service's busiest threads:");
    System.out.print(phase.serviceAfter().since(phase.serviceBefore(), phase.wall(), 8, "    "));
  }
}
