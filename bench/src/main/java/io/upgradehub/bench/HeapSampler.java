package io.upgradehub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a service's used heap from its {@code /actuator/prometheus} every {@code interval},
 * remembering the peak, while a measurement runs.
 */
final class HeapSampler implements AutoCloseable {

  private static final Pattern HEAP =
      Pattern.compile(
          "^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+-]+)", Pattern.MULTILINE);

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI prometheus;
  private final AtomicLong peak = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  HeapSampler(URI serviceUrl, Duration interval) {
    this.prometheus = serviceUrl.resolve("/actuator/prometheus");
    this.thread =
        new Thread(
            () -> {
              while (running) {
                peak.accumulateAndGet(usedHeap(), Math::max);
                try {
                  Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    thread.setDaemon(true);
  }

  HeapSampler start() {
    thread.start();
    return this;
  }

  long peak() {
    return peak.get();
  }

  /** The service's used heap now: the sum over its heap pools. */
  long usedHeap() {
    try {
      String text =
          http.send(
                  HttpRequest.newBuilder(prometheus).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      double sum = 0;
      Matcher matcher = HEAP.matcher(text);
      while (matcher.find()) {
        sum += Double.parseDouble(matcher.group(1));
      }
      return (long) sum;
    } catch (Exception e) {
      return 0;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
