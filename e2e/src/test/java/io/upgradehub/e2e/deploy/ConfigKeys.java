package io.upgradehub.e2e.deploy;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The configuration keys a service declares (in application.yml or as a component of a
 * {@code @ConfigurationProperties} record), and whether an environment variable sets one of them by
 * Spring Boot's own relaxed-binding rules (so {@code UPGRADEHUB_STORAGE_ACCESS_KEY} and {@code
 * UPGRADEHUB_STORAGE_ACCESSKEY} both name {@code upgradehub.storage.access-key}).
 */
final class ConfigKeys {

  /**
   * Spring keys a deployment may set though application.yml need not mention them, because Boot
   * itself defines them.
   */
  static final Set<String> SPRING_STANDARD_KEYS =
      Set.of(
          "spring.profiles.active",
          "server.port",
          "spring.mongodb.uri",
          "spring.kafka.bootstrap-servers");

  /** Read by the JVM, not by Spring. */
  static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  private final Set<String> leaves;
  private final Set<String> containers;

  private ConfigKeys(Set<String> leaves, Set<String> containers) {
    this.leaves = leaves;
    this.containers = containers;
  }

  /** The keys of parsed application.yml documents (every profile's document counts). */
  static ConfigKeys of(List<Object> documents) {
    return of(documents, new PropertiesRecords());
  }

  /** The keys of application.yml documents and of the service's properties records. */
  static ConfigKeys of(List<Object> documents, PropertiesRecords records) {
    Set<String> leaves = new LinkedHashSet<>(SPRING_STANDARD_KEYS);
    Set<String> containers = new LinkedHashSet<>();
    leaves.addAll(records.leaves);
    containers.addAll(records.containers);
    for (Object document : documents) {
      flatten("", document, leaves, containers);
    }
    return new ConfigKeys(leaves, containers);
  }

  private static void flatten(
      String prefix, Object node, Set<String> leaves, Set<String> containers) {
    if (node instanceof Map<?, ?> map) {
      // only an empty map is open-ended; a filled one names its keys, so UPGRADEHUB_STORAGE_TYPO
      // must not pass as a descendant of upgradehub.storage
      if (map.isEmpty() && !prefix.isEmpty()) {
        containers.add(prefix);
      }
      map.forEach(
          (key, value) ->
              flatten(
                  prefix.isEmpty() ? key.toString() : prefix + "." + key,
                  value,
                  leaves,
                  containers));
    } else if (node instanceof List<?> list) {
      // a list is set by index (KEY_0_FIELD) or as a whole (comma-separated)
      leaves.add(prefix);
      containers.add(prefix);
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "[" + i + "]", list.get(i), leaves, containers);
      }
    } else if (!prefix.isEmpty()) {
      leaves.add(prefix);
    }
  }

  /** Whether the environment variable {@code name} sets a key this service declares. */
  boolean isSetBy(String environmentVariable) {
    if (JVM_VARIABLES.contains(environmentVariable)) {
      return true;
    }
    Map<String, Object> environment = new HashMap<>();
    environment.put(environmentVariable, "value");
    ConfigurationPropertySource source =
        ConfigurationPropertySource.from(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    for (String leaf : leaves) {
      ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(leaf);
      if (name != null) {
        ConfigurationProperty property = source.getConfigurationProperty(name);
        if (property != null) {
          return true;
        }
      }
    }
    for (String container : containers) {
      ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(container);
      if (name != null && source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
        return true;
      }
    }
    return false;
  }
}
