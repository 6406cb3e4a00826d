package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.Batch;
import io.upgradehub.campaign.batch.Exclusion;
import io.upgradehub.campaign.batch.TransferScope;
import io.upgradehub.campaign.inventory.DeviceDirectory;
import io.upgradehub.campaign.inventory.DeviceVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A transfer's accepted devices, as its batch plans them: each is registered in inventory-service
 * with the transfer's start version unless it is there already. A device that runs the target
 * version already counts as {@code SUCCEEDED} without a command; one that runs another version, or
 * whose module another open upgrade holds, gets no job and counts as {@code FAILED}, saying why.
 */
@Component
class TransferBatchDevices implements TransferScope {

  private final Transfers transfers;
  private final TransferDevices devices;
  private final DeviceDirectory directory;
  private final TransferProgress progress;
  private final Clock clock;

  TransferBatchDevices(
      Transfers transfers,
      TransferDevices devices,
      DeviceDirectory directory,
      TransferProgress progress,
      Clock clock) {
    this.transfers = transfers;
    this.devices = devices;
    this.directory = directory;
    this.progress = progress;
    this.clock = clock;
  }

  @Override
  public List<DeviceVersion> unplanned(Batch batch, @Nullable String after, int limit) {
    List<String> names = devices.unplanned(batch.id(), after, limit);
    Transfer transfer = transfers.find(batch.id()).orElse(null);
    if (names.isEmpty() || transfer == null) {
      return List.of();
    }
    Map<String, DeviceVersion> arrived = new HashMap<>();
    directory
        .arrive(transfer.productKey(), transfer.module(), transfer.startVersion(), names)
        .forEach(device -> arrived.put(device.deviceName(), device));
    List<DeviceVersion> found = new ArrayList<>(names.size());
    // a name inventory-service did not answer has no known version: it fails, it never loops
    names.forEach(name -> found.add(arrived.getOrDefault(name, new DeviceVersion(name, null))));
    return found;
  }

  @Override
  public void planned(Batch batch, List<String> withJobs, Map<String, Exclusion> left) {
    devices.markPlanned(batch.id(), withJobs);
    if (left.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    TransferProgress.Moves moves = progress.moves();
    left.forEach(
        (name, why) ->
            moves.move(
                batch.id(),
                name,
                why == Exclusion.ALREADY_ON_TARGET
                    ? TransferDeviceState.SUCCEEDED
                    : TransferDeviceState.FAILED,
                null,
                describe(why, batch),
                now));
    moves.apply(); // they left PENDING: no planning takes them again
  }

  @Override
  public boolean moreToCome(Batch batch) {
    return devices.anyAwaiting(batch.id());
  }

  private static String describe(Exclusion why, Batch batch) {
    return switch (why) {
      case ALREADY_ON_TARGET -> "already runs the target version: no upgrade needed";
      case IN_ANOTHER_BATCH -> "another open upgrade of the module holds the device";
      default ->
          "runs neither the start version "
              + batch.spec().fromVersions().get(0)
              + " nor the target version";
    };
  }
}
