package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.BatchIds;
import io.upgradehub.campaign.inventory.DeviceDirectory;
import io.upgradehub.campaign.inventory.InventoryUnavailableException;
import io.upgradehub.campaign.inventory.UnknownProductException;
import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.campaign.packages.KnownPackage;
import io.upgradehub.campaign.packages.KnownPackages;
import io.upgradehub.campaign.system.ErrorCode;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Takes in a transfer (spec §4): checks it field by field, against the product and its packages,
 * and against the devices' open batches and transfers, then stores it with its devices awaiting
 * review. A refused transfer stores nothing.
 */
@Service
class TransferIntake {

  private final DeviceDirectory directory;
  private final KnownPackages packages;
  private final Jobs jobs;
  private final Transfers transfers;
  private final TransferDevices devices;
  private final Clock clock;

  TransferIntake(
      DeviceDirectory directory,
      KnownPackages packages,
      Jobs jobs,
      Transfers transfers,
      TransferDevices devices,
      Clock clock) {
    this.directory = directory;
    this.packages = packages;
    this.jobs = jobs;
    this.transfers = transfers;
    this.devices = devices;
    this.clock = clock;
  }

  /**
   * @throws ApiException {@code VALIDATION_FAILED}, {@code UNKNOWN_PRODUCT}, {@code NO_PACKAGE},
   *     {@code DEVICES_BUSY} or {@code INVENTORY_UNAVAILABLE}
   */
  Transfer take(TransferRequest request, String by) {
    TransferRequests.Intake intake = TransferRequests.check(request);
    String productName = productName(intake);
    KnownPackage pkg = packageFor(intake);
    refuseDevicesInBatches(intake);
    Instant now = clock.instant();
    Transfer transfer =
        new Transfer(
            Transfers.ID_PREFIX + BatchIds.next(),
            intake.source(),
            intake.productKey(),
            productName,
            intake.module(),
            intake.startVersion(),
            intake.targetVersion(),
            pkg.id(),
            pkg.name(),
            intake.settings(),
            TransferStatus.AWAITING_REVIEW,
            intake.deviceNames().size(),
            Map.of(TransferDeviceState.AWAITING_REVIEW, (long) intake.deviceNames().size()),
            List.of(),
            now,
            by,
            now);
    transfers.insertReceiving(transfer);
    List<Integer> held;
    try {
      held = devices.insert(transfer.id(), transfer.productKey(), intake.deviceNames(), now);
    } catch (RuntimeException e) {
      forget(transfer.id());
      throw e;
    }
    if (!held.isEmpty()) {
      forget(transfer.id());
      FieldErrors errors = new FieldErrors();
      held.stream()
          .limit(TransferRequests.MAX_LISTED)
          .forEach(
              i ->
                  errors.add(
                      "deviceNames[" + i + "]", "IN_TRANSFER", "is in another open transfer"));
      errors.throwIfAny(ErrorCode.DEVICES_BUSY);
    }
    transfers.received(transfer.id());
    return transfer;
  }

  private void forget(String transferId) {
    devices.deleteAll(transferId);
    transfers.delete(transferId);
  }

  private String productName(TransferRequests.Intake intake) {
    try {
      return directory.productName(intake.productKey(), intake.module());
    } catch (UnknownProductException e) {
      FieldErrors errors = new FieldErrors();
      if (e.module()) {
        errors.add("module", "UNKNOWN", "the product has no module " + intake.module());
      } else {
        errors.add("productKey", "UNKNOWN", "there is no product " + intake.productKey());
      }
      errors.throwIfAny(ErrorCode.UNKNOWN_PRODUCT);
      throw e;
    } catch (InventoryUnavailableException e) {
      throw new ApiException(ErrorCode.INVENTORY_UNAVAILABLE, e.getMessage(), e);
    }
  }

  private KnownPackage packageFor(TransferRequests.Intake intake) {
    List<KnownPackage> found =
        packages.reaching(
            intake.productKey(), intake.module(), intake.startVersion(), intake.targetVersion());
    if (found.isEmpty()) {
      FieldErrors errors = new FieldErrors();
      errors.add(
          "targetVersion",
          "NO_PACKAGE",
          "no enabled package of module "
              + intake.module()
              + " upgrades "
              + intake.startVersion()
              + " to "
              + intake.targetVersion());
      errors.throwIfAny(ErrorCode.NO_PACKAGE);
    }
    return found.get(0);
  }

  /** Refuses the transfer when any device's module is in an open job of a batch. */
  private void refuseDevicesInBatches(TransferRequests.Intake intake) {
    List<String> names = intake.deviceNames();
    FieldErrors errors = new FieldErrors();
    int busy = 0;
    for (int from = 0; from < names.size(); from += TransferDevices.CHUNK) {
      List<String> chunk =
          names.subList(from, Math.min(names.size(), from + TransferDevices.CHUNK));
      Map<String, Integer> bySlot = new HashMap<>();
      for (int i = 0; i < chunk.size(); i++) {
        bySlot.put(Job.slot(intake.productKey(), chunk.get(i), intake.module()), from + i);
      }
      for (Map.Entry<String, String> held : jobs.held(bySlot.keySet()).entrySet()) {
        if (busy++ < TransferRequests.MAX_LISTED) {
          errors.add(
              "deviceNames[" + bySlot.get(held.getKey()) + "]",
              "IN_BATCH",
              "is in an active batch (job " + held.getValue() + ")");
        }
      }
    }
    errors.throwIfAny(ErrorCode.DEVICES_BUSY);
  }
}
