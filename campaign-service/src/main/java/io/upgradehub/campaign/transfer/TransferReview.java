package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.TransferBatches;
import io.upgradehub.campaign.packages.KnownPackage;
import io.upgradehub.campaign.packages.KnownPackages;
import io.upgradehub.campaign.system.ErrorCode;
import io.upgradehub.events.batches.TransferDecided;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.outbox.PendingEvent;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.FieldErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts and rejects a transfer's devices (spec §4). A decision moves only devices that await
 * review, so repeating one changes nothing; accepting a rejected device, or rejecting an accepted
 * one, is refused and changes nothing. Who decided and when is kept on each device and in the
 * transfer's decisions.
 */
@Service
class TransferReview {

  private static final Logger log = LoggerFactory.getLogger(TransferReview.class);

  /** What an operator decides about devices. */
  enum Action {
    ACCEPT(TransferDeviceState.PENDING),
    REJECT(TransferDeviceState.REJECTED);

    private final TransferDeviceState to;

    Action(TransferDeviceState to) {
      this.to = to;
    }

    /** Whether a device in {@code state} was decided the other way. */
    boolean conflictsWith(TransferDeviceState state) {
      return this == ACCEPT ? state == TransferDeviceState.REJECTED : state.accepted();
    }
  }

  private final Transfers transfers;
  private final TransferDevices devices;
  private final KnownPackages packages;
  private final TransferBatches batches;
  private final Clock clock;

  TransferReview(
      Transfers transfers,
      TransferDevices devices,
      KnownPackages packages,
      TransferBatches batches,
      Clock clock) {
    this.transfers = transfers;
    this.devices = devices;
    this.packages = packages;
    this.batches = batches;
    this.clock = clock;
  }

  /**
   * Decisions on one transfer are made one at a time: while one is under way another is refused.
   *
   * @throws ApiException {@code TRANSFER_NOT_FOUND}, {@code TRANSFER_STATE_CONFLICT} (canceled, or
   *     another decision under way), {@code VALIDATION_FAILED}, {@code UNKNOWN_DEVICES} or {@code
   *     DECISION_CONFLICT}
   */
  Transfer decide(String transferId, Action action, DecisionRequest request, String by) {
    Transfer transfer = get(transferId);
    if (transfer.status() == TransferStatus.CANCELED) {
      throw new ApiException(
          ErrorCode.TRANSFER_STATE_CONFLICT, "Transfer " + transferId + " was canceled");
    }
    boolean all = Boolean.TRUE.equals(request.all());
    if (all && request.deviceNames() != null) {
      new FieldErrors()
          .add("deviceNames", "NOT_ALLOWED", "name devices or set all to true, not both")
          .throwIfAny();
    }
    List<String> names = all ? null : names(request);
    if (action == Action.ACCEPT) {
      usablePackage(transfer);
    }
    PendingDecision pending =
        new PendingDecision(
            UUID.randomUUID().toString(),
            action.name(),
            all,
            all ? 0 : names.size(),
            by,
            clock.instant());
    if (!transfers.beginDecision(transferId, pending)) {
      throw new ApiException(
          ErrorCode.TRANSFER_STATE_CONFLICT,
          "Another decision on transfer " + transferId + " is under way; try again");
    }
    if (names != null) {
      try {
        // under the decision: no other one changes these devices meanwhile
        check(transferId, action, names);
      } catch (ApiException e) {
        transfers.abandonDecision(transferId, pending.id());
        throw e;
      }
    }
    // a stop from here on leaves the decision to UnfinishedDecisions: the devices carry its id
    long changed = devices.decide(transferId, names, action.to, pending);
    finish(transfer, pending, changed);
    if (changed == 0 && action == Action.ACCEPT) {
      openBatch(transfer); // devices accepted before may still wait for their batch
    }
    return get(transferId);
  }

  /**
   * Records a decision whose devices were moved, with its event, and ends it; one that moved none
   * leaves no trace. The transfer's batch is told first (opened by the first accept), so a stop in
   * between leaves the decision unfinished, and finishing it tells the batch again.
   */
  void finish(Transfer transfer, PendingDecision pending, long changed) {
    if (changed == 0) {
      transfers.abandonDecision(transfer.id(), pending.id());
      return;
    }
    if (Action.valueOf(pending.action()) == Action.ACCEPT) {
      openBatch(transfer);
    } else {
      batches.replan(transfer.id()); // the last devices awaiting review may have gone
    }
    TransferDeviceState to = Action.valueOf(pending.action()).to;
    Map<TransferDeviceState, Long> deltas = new EnumMap<>(TransferDeviceState.class);
    deltas.put(TransferDeviceState.AWAITING_REVIEW, -changed);
    deltas.put(to, changed);
    // as stored now plus this decision: devices' moves since the transfer was read are in
    Map<TransferDeviceState, Long> counts =
        TransferProgress.plus(get(transfer.id()).counts(), deltas);
    TransferStatus status = TransferStatus.of(counts);
    Decision decision =
        new Decision(
            pending.action(),
            pending.all(),
            pending.all() ? changed : pending.requested(),
            changed,
            pending.by(),
            pending.at());
    List<PendingEvent> events = new ArrayList<>(2);
    events.add(event(transfer, decision, counts, status));
    if (status == TransferStatus.COMPLETED) {
      events.add(TransferProgress.ended(transfer, status, counts, decision.at()));
    }
    transfers.decided(transfer.id(), pending.id(), deltas, status, decision, events);
  }

  /**
   * Opens the transfer's batch, or has it plan the devices accepted since. The package was checked
   * before the decision; should it have been disabled in the last moment, the accepted devices
   * wait, and the next accept (even of none) opens the batch.
   */
  private void openBatch(Transfer transfer) {
    packages
        .find(transfer.packageId())
        .filter(KnownPackage::enabled)
        .ifPresentOrElse(
            pkg ->
                batches.decided(
                    transfer.id(),
                    pkg,
                    transfer.startVersion(),
                    transfer.settings(),
                    clock.instant()),
            () ->
                log.warn(
                    "Transfer {}: its package {} was disabled while devices were accepted",
                    transfer.id(),
                    transfer.packageId()));
  }

  /**
   * The package chosen at intake, while it can still upgrade: accepting needs it.
   *
   * @throws ApiException {@code NO_PACKAGE} when it was deleted or disabled since
   */
  private KnownPackage usablePackage(Transfer transfer) {
    return packages
        .find(transfer.packageId())
        .filter(KnownPackage::enabled)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.NO_PACKAGE,
                    "The package "
                        + transfer.packageName()
                        + " chosen for this transfer was deleted or disabled; enable it (or"
                        + " cancel the transfer) before accepting devices"));
  }

  private static PendingEvent event(
      Transfer transfer,
      Decision decision,
      Map<TransferDeviceState, Long> counts,
      TransferStatus status) {
    return new PendingEvent(
        TransferDecided.TYPE,
        TransferDecided.VERSION,
        new TransferDecided(
            transfer.id(),
            decision.action(),
            transfer.packageId(),
            transfer.productKey(),
            transfer.module(),
            transfer.startVersion(),
            transfer.targetVersion(),
            decision.all(),
            decision.changed(),
            TransferProgress.byName(counts),
            status.name(),
            decision.by(),
            decision.at()));
  }

  Transfer get(String transferId) {
    return transfers
        .find(transferId)
        .orElseThrow(
            () ->
                new ApiException(ErrorCode.TRANSFER_NOT_FOUND, "No transfer '" + transferId + "'"));
  }

  /** Refuses names the transfer does not have, and devices decided the other way. */
  private void check(String transferId, Action action, List<String> names) {
    Map<String, TransferDeviceState> states = devices.states(transferId, names);
    FieldErrors unknown = new FieldErrors();
    FieldErrors conflicts = new FieldErrors();
    int unknownCount = 0;
    int conflictCount = 0;
    for (int i = 0; i < names.size(); i++) {
      TransferDeviceState state = states.get(names.get(i));
      String field = "deviceNames[" + i + "]";
      if (state == null) {
        if (unknownCount++ < TransferRequests.MAX_LISTED) {
          unknown.add(field, "UNKNOWN", "the transfer has no device " + names.get(i));
        }
      } else if (action.conflictsWith(state)) {
        if (conflictCount++ < TransferRequests.MAX_LISTED) {
          conflicts.add(
              field,
              state.name(),
              state == TransferDeviceState.REJECTED
                  ? "was rejected already"
                  : "was accepted already (now " + state.name() + ")");
        }
      }
    }
    unknown.throwIfAny(ErrorCode.UNKNOWN_DEVICES);
    conflicts.throwIfAny(ErrorCode.DECISION_CONFLICT);
  }

  private static List<String> names(DecisionRequest request) {
    FieldErrors errors = new FieldErrors();
    List<@Nullable String> given = request.deviceNames();
    if (request.all() != null && !request.all()) {
      errors.add("all", "INVALID_VALUE", "leave it out, or set it true to decide every device");
    }
    if (given == null || given.isEmpty()) {
      errors.add("deviceNames", "REQUIRED", "name the devices, or set all to true");
      errors.throwIfAny();
      return List.of();
    }
    if (given.size() > TransferRequests.MAX_DEVICES) {
      errors.add("deviceNames", "TOO_MANY", "at most " + TransferRequests.MAX_DEVICES);
      errors.throwIfAny();
    }
    Set<String> seen = new HashSet<>();
    List<String> names = new ArrayList<>(given.size());
    int wrong = 0;
    for (int i = 0; i < given.size(); i++) {
      String name = given.get(i);
      if (!DeviceKey.isValidDeviceName(name)) {
        if (wrong++ < TransferRequests.MAX_LISTED) {
          errors.add("deviceNames[" + i + "]", "INVALID_FORMAT", "is not a device name");
        }
      } else if (seen.add(name)) {
        names.add(name);
      }
    }
    errors.throwIfAny();
    return names;
  }
}
