package io.upgradehub.platform;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the repository's build outputs are: the service jars and Kafka's jars. */
final class RepositoryLayout {

  private RepositoryLayout() {}

  /**
   * The repository root: the nearest directory at or above the working directory (or, failing that,
   * above this class's code) holding {@code pom.xml} and {@code platform/pom.xml}.
   *
   * @throws IllegalStateException when there is none
   */
  static Path locateRoot() {
    Optional<Path> fromWorkingDirectory = searchUp(Path.of("").toAbsolutePath());
    if (fromWorkingDirectory.isPresent()) {
      return fromWorkingDirectory.get();
    }
    return codeLocation()
        .flatMap(RepositoryLayout::searchUp)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "cannot find the UpgradeHub repository root above "
                        + Path.of("").toAbsolutePath()
                        + "; run from the repository or set it on the Platform builder"));
  }

  private static Optional<Path> searchUp(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isRegularFile(dir.resolve("platform/pom.xml"))) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /** The Boot jar a module's build produces: {@code <module>/target/<module>.jar}. */
  static Path serviceJar(Path root, String module) {
    return root.resolve(module).resolve("target").resolve(module + ".jar");
  }

  /**
   * Kafka's jars: beside this module's classes or jar when running from {@code platform/target},
   * else under the repository root.
   */
  static Path kafkaLib(Path root) {
    return codeLocation()
        .map(code -> code.resolveSibling("kafka-lib"))
        .filter(Files::isDirectory)
        .orElse(root.resolve("platform/target/kafka-lib"));
  }

  private static Optional<Path> codeLocation() {
    try {
      var source = RepositoryLayout.class.getProtectionDomain().getCodeSource();
      return source == null
          ? Optional.empty()
          : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
