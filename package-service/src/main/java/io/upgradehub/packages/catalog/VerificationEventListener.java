package io.upgradehub.packages.catalog;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.batches.VerificationChanged;
import io.upgradehub.events.batches.VerificationStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mirrors the verification status campaign-service owns into the packages' {@code status}, from its
 * {@code package.verification-changed} events on {@link BatchTopics#BATCH_EVENTS}, in the consumer
 * group {@code package-service} (a new group reads from the earliest offset, so it learns every
 * status reported before it).
 *
 * <p>The topic also carries {@code batch.state-changed}, and may carry types this version does not
 * know: those are skipped. A record that cannot be read, or names a status this version does not
 * know, is logged and skipped; a report for an unknown or deleted package, a repeated one and a
 * stale one change nothing ({@link UpgradePackage#changeStatus}). A failure to store a status is
 * retried until the store is back (see {@code KafkaConfiguration}), so no report is lost, and the
 * reports of one package are applied in their order, as they share a partition.
 */
@Component
class VerificationEventListener {

  private static final Logger log = LoggerFactory.getLogger(VerificationEventListener.class);
  private static final TypeReference<EventEnvelope<VerificationChanged>> CHANGED =
      new TypeReference<>() {};

  private final PackageManagement management;
  private final JsonMapper json;

  VerificationEventListener(PackageManagement management, JsonMapper json) {
    this.management = management;
    this.json = json;
  }

  @KafkaListener(topics = BatchTopics.BATCH_EVENTS)
  void onBatchEvent(String value) {
    VerificationChanged changed = read(value);
    if (changed == null) {
      return;
    }
    PackageId id = new PackageId(changed.packageId());
    if (management.changeStatus(id, status(changed.status()), changed.at())) {
      log.debug("Package {} is {} since {}", id, changed.status(), changed.at());
    } else {
      log.debug(
          "Package {}: {} at {} changed nothing (unknown, deleted, repeated or stale)",
          id,
          changed.status(),
          changed.at());
    }
  }

  /** The event's data, or null for another type or an unreadable record. */
  private @Nullable VerificationChanged read(String value) {
    try {
      JsonNode envelope = json.readTree(value);
      if (!VerificationChanged.TYPE.equals(envelope.path("type").asString(""))) {
        return null; // batch.state-changed, or a type this version does not know: not for it
      }
      VerificationChanged changed = json.readValue(value, CHANGED).data();
      if (changed.packageId() == null || changed.status() == null || changed.at() == null) {
        throw new IllegalArgumentException("packageId, status and at are required");
      }
      return changed;
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      // a status this version does not know fails here too: the contract says skip it
      log.warn("Skipped an unreadable verification event: {}", e.toString());
      return null;
    }
  }

  /** The package status that shows a verification status: the same name, kept exhaustive. */
  private static PackageStatus status(VerificationStatus status) {
    return switch (status) {
      case UNVERIFIED -> PackageStatus.UNVERIFIED;
      case VERIFYING -> PackageStatus.VERIFYING;
      case VERIFIED -> PackageStatus.VERIFIED;
      case VERIFY_FAILED -> PackageStatus.VERIFY_FAILED;
      case VERIFY_SKIPPED -> PackageStatus.VERIFY_SKIPPED;
    };
  }
}
