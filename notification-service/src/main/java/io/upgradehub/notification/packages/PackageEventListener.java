package io.upgradehub.notification.packages;

import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageDeleted;
import io.upgradehub.events.packages.PackageTopics;
import io.upgradehub.events.packages.PackageUpdated;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link KnownPackages} from package-service's topic, in the consumer group {@code
 * notification-service}. A record that cannot be read is logged and skipped; a failure to store one
 * is retried until the store is back ({@code system/KafkaConfiguration}), so no package is lost.
 * Applying an event twice changes nothing.
 */
@Component
class PackageEventListener {

  private static final Logger log = LoggerFactory.getLogger(PackageEventListener.class);

  private final KnownPackages packages;
  private final JsonMapper json;

  PackageEventListener(KnownPackages packages, JsonMapper json) {
    this.packages = packages;
    this.json = json;
  }

  @KafkaListener(topics = PackageTopics.PACKAGE_EVENTS)
  void onPackageEvent(String value) {
    JsonNode data;
    String type;
    try {
      JsonNode envelope = json.readTree(value);
      type = envelope.path("type").asString("");
      data = envelope.get("data");
    } catch (JacksonException e) {
      log.warn("Skipped an unreadable package event: {}", e.getOriginalMessage());
      return;
    }
    try {
      switch (type) {
        case PackageCreated.TYPE -> {
          PackageCreated created = json.treeToValue(data, PackageCreated.class);
          require(created.packageId() != null && created.at() != null, type);
          packages.apply(created);
        }
        case PackageUpdated.TYPE -> {
          PackageUpdated updated = json.treeToValue(data, PackageUpdated.class);
          require(updated.packageId() != null && updated.at() != null, type);
          packages.apply(updated);
        }
        case PackageDeleted.TYPE -> {
          PackageDeleted deleted = json.treeToValue(data, PackageDeleted.class);
          require(deleted.packageId() != null, type);
          packages.apply(deleted);
        }
        default -> {
          // a type this version does not know: not for it
        }
      }
    } catch (JacksonException | IllegalArgumentException e) {
      log.warn("Skipped an unreadable {} event: {}", type, e.getMessage());
    }
  }

  private static void require(boolean valid, String type) {
    if (!valid) {
      throw new IllegalArgumentException(type + " without its required fields");
    }
  }
}
