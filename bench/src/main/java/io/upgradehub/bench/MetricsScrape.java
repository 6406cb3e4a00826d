package io.upgradehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One scrape of a service's {@code /actuator/prometheus}: the samples of the text format, read into
 * name, labels and value, with sums over label filters and the buckets of a histogram.
 */
final class MetricsScrape {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final List<Sample> samples;

  private MetricsScrape(List<Sample> samples) {
    this.samples = samples;
  }

  /**
   * Scrapes {@code serviceUrl}'s Prometheus endpoint.
   *
   * @throws UncheckedIOException when the service does not answer 200
   */
  static MetricsScrape of(URI serviceUrl) {
    HttpRequest request =
        HttpRequest.newBuilder(serviceUrl.resolve("/actuator/prometheus"))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode() + " from " + request.uri());
      }
      return parse(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scraping " + request.uri(), e);
    }
  }

  /** Reads the Prometheus text format (comments skipped, label values without escapes). */
  static MetricsScrape parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name;
      Map<String, String> labels = new HashMap<>();
      if (brace >= 0 && brace < space) {
        name = line.substring(0, brace);
        int close = line.lastIndexOf('}');
        for (String pair : line.substring(brace + 1, close).split(",")) {
          int equals = pair.indexOf('=');
          if (equals > 0) {
            labels.put(
                pair.substring(0, equals).strip(),
                pair.substring(equals + 1).strip().replace("\"", ""));
          }
        }
      } else {
        name = line.substring(0, space);
      }
      samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
    return new MetricsScrape(samples);
  }

  /** The sum of the samples named {@code name} whose labels pass {@code labels}. */
  double sum(String name, Predicate<Map<String, String>> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && labels.test(s.labels()))
        .mapToDouble(Sample::value)
        .sum();
  }

  /** The sum of every sample named {@code name}. */
  double sum(String name) {
    return sum(name, labels -> true);
  }

  /**
   * The cumulative buckets of histogram {@code name} (without {@code _bucket}), summed over its
   * other labels, by upper bound; {@code +Inf} is {@link Double#POSITIVE_INFINITY}.
   */
  TreeMap<Double, Double> buckets(String name) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name + "_bucket") && sample.labels().containsKey("le")) {
        String le = sample.labels().get("le");
        double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
        buckets.merge(bound, sample.value(), Double::sum);
      }
    }
    return buckets;
  }

  private record Sample(String name, Map<String, String> labels, double value) {}
}
