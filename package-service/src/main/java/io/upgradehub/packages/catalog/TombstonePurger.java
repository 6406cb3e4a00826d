package io.upgradehub.packages.catalog;

import io.upgradehub.packages.storage.ObjectStorage;
import io.upgradehub.packages.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes deletions: once a deleted package's event is published, removes its file (again, in case
 * the instance that deleted it died first) and its tombstone.
 */
@Component
class TombstonePurger {

  private static final Logger log = LoggerFactory.getLogger(TombstonePurger.class);
  private static final int BATCH = 100;

  private final Packages packages;
  private final ObjectStorage storage;

  TombstonePurger(Packages packages, ObjectStorage storage) {
    this.packages = packages;
    this.storage = storage;
  }

  @Scheduled(fixedDelayString = "${upgradehub.packages.purge-interval:10s}")
  void purge() {
    for (PackageId id : packages.publishedTombstones(BATCH)) {
      try {
        storage.remove(id.objectKey());
        packages.removeTombstone(id);
      } catch (StorageUnavailableException e) {
        // keep the tombstone: it is how the file gets removed once storage is back
        log.warn("Could not remove the file of deleted package {}: {}", id, e.toString());
        return;
      }
    }
  }
}
