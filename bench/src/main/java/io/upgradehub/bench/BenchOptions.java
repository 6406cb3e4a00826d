package io.upgradehub.bench;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The {@code --name=value} arguments of a benchmark's command line. */
final class BenchOptions {

  private BenchOptions() {}

  /** The arguments of the form {@code --name=value}, by name; any other argument is left out. */
  static Map<String, String> parse(String[] args) {
    return Stream.of(args)
        .filter(a -> a.startsWith("--") && a.contains("="))
        .collect(
            Collectors.toMap(
                a -> a.substring(2, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
  }
}
