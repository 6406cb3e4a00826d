package io.upgradehub.e2e.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository the tests run in: its modules and its YAML files. */
final class Repository {

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  final Path root;

  private Repository(Path root) {
    this.root = root;
  }

  /**
   * The nearest directory at or above the working directory with docker-compose.yml and pom.xml.
   */
  static Repository locate() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
        return new Repository(dir);
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  /** The modules the root pom lists. */
  List<String> modules() {
    try {
      Matcher matcher = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
      List<String> modules = new ArrayList<>();
      while (matcher.find()) {
        modules.add(matcher.group(1).trim());
      }
      return modules;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The modules that are Spring Boot applications: they are what gets deployed. */
  List<String> bootModules() {
    return modules().stream().filter(this::isBootModule).toList();
  }

  /** Whether {@code module} is a module directory with a {@code @SpringBootApplication} class. */
  boolean isBootModule(String module) {
    Path sources = root.resolve(module).resolve("src/main/java");
    if (!Files.isRegularFile(root.resolve(module).resolve("pom.xml"))
        || !Files.isDirectory(sources)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(sources)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .anyMatch(f -> read(f).contains("@SpringBootApplication"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every configuration key the module declares: in its {@code application*.yml} files or as a
   * component of a {@code @ConfigurationProperties} record.
   */
  ConfigKeys configKeys(String module) {
    Path resources = root.resolve(module).resolve("src/main/resources");
    List<Object> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(resources)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().matches("application(-[\\w-]+)?\\.ya?ml"))
              .toList()) {
        documents.addAll(loadAll(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PropertiesRecords records = new PropertiesRecords();
    try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .map(Repository::read)
          .forEach(records::read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ConfigKeys.of(documents, records);
  }

  /** Every YAML document in {@code file}; fails on a syntax error. */
  static List<Object> loadAll(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<Object> documents = new ArrayList<>();
      new Yaml(new LoaderOptions()).loadAll(in).forEach(documents::add);
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node) {
    return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node) {
    return node instanceof List<?> list ? (List<Object>) list : List.of();
  }

  static Optional<String> string(Object node) {
    return node == null ? Optional.empty() : Optional.of(String.valueOf(node));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
