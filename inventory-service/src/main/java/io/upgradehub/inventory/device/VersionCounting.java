package io.upgradehub.inventory.device;

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

  VersionCounting(VersionCounts counts, Devices devices) {
    this.counts = counts;
    this.devices = devices;
  }

  void count(VersionChange change) {
    counts.apply(change);
    devices.settled(change.device(), change.module(), change.eventId());
  }
}
