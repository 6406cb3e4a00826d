package io.upgradehub.notification.packages;

import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageDeleted;
import io.upgradehub.events.packages.PackageTopics;
import io.upgradehub.events.packages.PackageUpdated;
import io.upgradehub.notification.system.IncomingEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link KnownPackages} from package-service's topic. A record that cannot be read, or lacks
 * the package id or time, is counted and skipped; a failure to store one is retried until the store
 * is back ({@code system/KafkaConfiguration}). Applying an event twice changes nothing.
 */
@Component
class PackageEventListener {

  private final KnownPackages packages;
  private final IncomingEvents events;

  PackageEventListener(KnownPackages packages, IncomingEvents events) {
    this.packages = packages;
    this.events = events;
  }

  @KafkaListener(topics = PackageTopics.PACKAGE_EVENTS)
  void onPackageEvent(ConsumerRecord<String, String> record) {
    events.read(record).ifPresent(this::apply);
  }

  private void apply(IncomingEvents.Incoming event) {
    switch (event.type()) {
      case PackageCreated.TYPE ->
          events
              .data(event, PackageCreated.class)
              .filter(c -> valid(event, c.packageId() != null && c.at() != null))
              .ifPresent(packages::apply);
      case PackageUpdated.TYPE ->
          events
              .data(event, PackageUpdated.class)
              .filter(u -> valid(event, u.packageId() != null && u.at() != null))
              .ifPresent(packages::apply);
      case PackageDeleted.TYPE ->
          events
              .data(event, PackageDeleted.class)
              .filter(d -> valid(event, d.packageId() != null))
              .ifPresent(packages::apply);
      default -> {
        // a type this version does not know: not for it
      }
    }
  }

  private boolean valid(IncomingEvents.Incoming event, boolean valid) {
    if (!valid) {
      events.skip("invalid", event.where() + ": " + event.type() + " without its required fields");
    }
    return valid;
  }
}
