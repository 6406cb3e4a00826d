package io.upgradehub.inventory.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * What the reports of one poll leave to do after each report's own device update: the log entries
 * and counts of the version changes they made, written together when the poll's reports were all
 * applied ({@link DeviceReports#finish}), a few bulk writes instead of three writes a change. A
 * stop before that loses nothing: the poll's offsets are committed only after it, so its reports
 * are delivered again, and a re-delivered report that made the current version answers its change
 * again.
 */
final class ReportPoll {

  private final Map<DeviceId, Document> read = new HashMap<>();
  private final List<VersionChange> changes = new ArrayList<>();
  private final List<Instant> versionsReceivedAt = new ArrayList<>();

  /** The devices as read at the start of the poll ({@link Devices#readAll}). */
  void read(Map<DeviceId, Document> devices) {
    read.putAll(devices);
  }

  /**
   * The device as read at the start of the poll, once: null when it was not read or was taken (a
   * write of this poll may have changed it since).
   */
  @Nullable Document take(DeviceId device) {
    return read.remove(device);
  }

  /** A version change made by a report of this poll, in the order they were made. */
  void changed(VersionChange change) {
    changes.add(change);
  }

  /** A version report of this poll applied; its latency is recorded once the poll finished. */
  void versionApplied(Instant receivedAt) {
    versionsReceivedAt.add(receivedAt);
  }

  List<VersionChange> changes() {
    return changes;
  }

  List<Instant> versionsReceivedAt() {
    return versionsReceivedAt;
  }
}
