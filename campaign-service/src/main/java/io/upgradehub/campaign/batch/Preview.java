package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.inventory.DeviceDirectory;
import io.upgradehub.campaign.inventory.DeviceVersion;
import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * The dry run of a batch: the same device stream and the same rules as {@link Planner}, counted
 * instead of stored. Nothing is written.
 */
@Service
class Preview {

  private final DeviceDirectory directory;
  private final Jobs jobs;

  Preview(DeviceDirectory directory, Jobs jobs) {
    this.directory = directory;
    this.jobs = jobs;
  }

  PreviewResponse of(BatchSpec spec) {
    Tally tally = new Tally(spec);
    if (spec.scope().type() == ScopeType.DEVICES) {
      List<String> names = spec.scope().deviceNames();
      for (int from = 0; from < names.size(); from += Planner.CHUNK) {
        List<String> part = names.subList(from, Math.min(names.size(), from + Planner.CHUNK));
        java.util.Set<String> wanted = new java.util.HashSet<>(part);
        for (var device : directory.lookup(spec.productKey(), spec.module(), part).devices()) {
          if (wanted.remove(device.deviceName())) {
            tally.add(device);
          }
        }
        tally.excluded.merge(Exclusion.UNKNOWN_DEVICE, (long) wanted.size(), Long::sum);
      }
    } else {
      String tag = spec.scope().type() == ScopeType.GROUP ? spec.scope().tag() : null;
      directory.forEach(spec.productKey(), spec.module(), tag, tally::add);
    }
    tally.flush();
    long devices = tally.byVersion.values().stream().mapToLong(Long::longValue).sum();
    return new PreviewResponse(
        tally.considered, devices, tally.byVersion, tally.excluded, devices * spec.pkg().size());
  }

  /** Counts a stream of devices, checking the held slots a chunk at a time. */
  private final class Tally {

    private final BatchSpec spec;
    private final Map<Exclusion, Long> excluded = Planner.exclusions(null);
    private final Map<String, Long> byVersion = new TreeMap<>();
    private final Map<String, String> pending = new LinkedHashMap<>();
    private long considered;

    Tally(BatchSpec spec) {
      this.spec = spec;
    }

    void add(DeviceVersion device) {
      considered++;
      Exclusion why = Exclusion.of(spec, device.deviceName(), device.version());
      if (why != null) {
        excluded.merge(why, 1L, Long::sum);
        return;
      }
      pending.put(
          Job.slot(spec.productKey(), device.deviceName(), spec.module()), device.version());
      if (pending.size() >= Planner.CHUNK) {
        flush();
      }
    }

    void flush() {
      Map<String, String> held = jobs.held(new ArrayList<>(pending.keySet()));
      pending.forEach(
          (slot, version) -> {
            if (held.containsKey(slot)) {
              excluded.merge(Exclusion.IN_ANOTHER_BATCH, 1L, Long::sum);
            } else {
              byVersion.merge(version, 1L, Long::sum);
            }
          });
      pending.clear();
    }
  }
}
