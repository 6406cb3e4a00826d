package io.upgradehub.inventory.device;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Counts a device's version change in the distribution and then clears it from the device's pending
 * change: the second step of the two single-document updates that keep the counts exact without
 * transactions (see {@link VersionCounts} and {@link Devices#applyVersion}). Stopping between the
 * steps is safe: counting again is a no-op, and the change stays pending on the device until both
 * happened, so a re-delivered event (or the next change of the module) completes it.
 */
@Component
class VersionCounting {

  private final VersionCounts counts;
  private final Devices devices;
  private final ImportChunks chunks;

  VersionCounting(VersionCounts counts, Devices devices, ImportChunks chunks) {
    this.counts = counts;
    this.devices = devices;
    this.chunks = chunks;
  }

  void count(VersionChange change) {
    counts.apply(change);
    devices.settled(change.device(), change.module(), change.eventId());
  }

  /**
   * {@link #count} for many changes, in the order they were made: all counted first (one ordered
   * bulk write), then all cleared (one unordered), so each change still has its two steps in order.
   */
  void countAll(List<VersionChange> changes) {
    counts.applyAll(changes);
    devices.settledAll(changes);
  }

  /**
   * Counts the versions of the devices a chunk ({@link DeviceRegistration}) stored, then forgets
   * the chunk: the same two steps with the same safety, for the whole chunk at once ({@link
   * VersionCounts#applyChunk}).
   */
  void countChunk(String chunkId, List<VersionChange> stored) {
    counts.applyChunk(chunkId, stored);
    chunks.close(chunkId);
  }

  /**
   * Counts a chunk left open by a stop: only the changes of devices the chunk did store (a row may
   * have named a device registered otherwise, or the stop came before the insert).
   */
  void recoverChunk(String chunkId, List<VersionChange> changes) {
    Set<DeviceId> stored =
        devices.registeredBy(
            chunkId, changes.stream().map(VersionChange::device).distinct().toList());
    countChunk(
        chunkId, changes.stream().filter(change -> stored.contains(change.device())).toList());
  }
}
