package io.upgradehub.campaign.transfer;

import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.batches.TransferDeviceEnded;
import io.upgradehub.events.batches.TransferEnded;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.outbox.PendingEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Moves accepted devices along their upgrade, and their transfer's counts with them; ends a
 * transfer once every device is decided and every accepted one's upgrade ended. The counts move by
 * what each device did ({@code $inc}), so they are cheap to keep while 100,000 devices upgrade and
 * never overwrite a move made meanwhile; the end is decided on a recount, and {@link
 * TransferRecount} heals counts that a stop between a device's move and its count left behind.
 */
@Service
class TransferProgress {

  /**
   * How long a transfer's counts must have stood still before a recount replaces them: moves of
   * devices whose counts are still on their way (a poll's, well under a second) would be counted
   * twice.
   */
  static final Duration QUIET = Duration.ofSeconds(30);

  private final Transfers transfers;
  private final TransferDevices devices;
  private final Clock clock;

  TransferProgress(Transfers transfers, TransferDevices devices, Clock clock) {
    this.transfers = transfers;
    this.devices = devices;
    this.clock = clock;
  }

  /** A set of moves whose counts are written together, one write per transfer. */
  Moves moves() {
    return new Moves();
  }

  /**
   * Moves made together: {@link #apply} reads the devices' states in one query, moves those that
   * are not there yet in one bulk write, and moves each transfer's counts in one write.
   */
  final class Moves {

    private final Map<String, TransferDevices.Move> wanted = new LinkedHashMap<>();

    /**
     * Asks to move an accepted device whose upgrade has not ended to {@code to}; a device whose
     * upgrade ends raises its event with the move. A move made already, or of a device that ended,
     * changes nothing; of two moves of one device, the later counts.
     */
    void move(
        String transferId,
        String deviceName,
        TransferDeviceState to,
        @Nullable String jobId,
        @Nullable String description,
        Instant at) {
      TransferDevices.Move move =
          new TransferDevices.Move(transferId, deviceName, to, jobId, shorten(description), at);
      wanted.put(move.id(), move);
    }

    /** Makes the moves, writes the counts, and ends each transfer that nothing is left of. */
    void apply() {
      if (wanted.isEmpty()) {
        return;
      }
      Map<String, Optional<Transfer>> read = new HashMap<>();
      Map<String, TransferDeviceState> before = devices.states(wanted.keySet());
      List<TransferDevices.Move> moves = new ArrayList<>();
      for (TransferDevices.Move move : wanted.values()) {
        TransferDeviceState from = before.get(move.id());
        Optional<Transfer> transfer = read.computeIfAbsent(move.transferId(), transfers::find);
        if (from != null && from.movable() && from != move.to() && transfer.isPresent()) {
          moves.add(
              move.from(
                  from,
                  move.to().ended() ? List.of(deviceEnded(transfer.get(), move)) : List.of()));
        }
      }
      wanted.clear();
      Map<String, Map<TransferDeviceState, Long>> deltas = new LinkedHashMap<>();
      for (TransferDevices.Move move : devices.moveAll(moves)) {
        Map<TransferDeviceState, Long> d =
            deltas.computeIfAbsent(
                move.transferId(), id -> new EnumMap<>(TransferDeviceState.class));
        d.merge(move.from(), -1L, Long::sum);
        d.merge(move.to(), 1L, Long::sum);
      }
      Instant now = clock.instant();
      deltas.forEach(
          (id, d) ->
              transfers
                  .addCounts(id, d, now)
                  .filter(t -> t.status() == TransferStatus.IN_PROGRESS)
                  .filter(t -> TransferStatus.of(t.counts()) == TransferStatus.COMPLETED)
                  .ifPresent(t -> endIfComplete(t, devices.count(t.id()))));
    }
  }

  /**
   * Puts right the counts of a transfer in progress whose counts stood still for {@link #QUIET}
   * (moves a stop left uncounted), by a recount; ends it when the recount says it is complete.
   */
  void heal(String transferId) {
    Optional<Transfer> found = transfers.find(transferId);
    if (found.isEmpty()
        || found.get().status() != TransferStatus.IN_PROGRESS
        || found.get().updatedAt().isAfter(clock.instant().minus(QUIET))) {
      return;
    }
    Map<TransferDeviceState, Long> counts = devices.count(transferId);
    if (!endIfComplete(found.get(), counts)) {
      transfers.setCounts(transferId, counts, found.get().updatedAt());
    }
  }

  /**
   * Ends the transfer when a recount says every device is decided and ended: then no device moves
   * any more, so the recount is final.
   *
   * @return whether the recount said so
   */
  private boolean endIfComplete(Transfer transfer, Map<TransferDeviceState, Long> counts) {
    if (TransferStatus.of(counts) != TransferStatus.COMPLETED) {
      return false;
    }
    Instant now = clock.instant();
    transfers.end(
        transfer.id(),
        TransferStatus.COMPLETED,
        counts,
        ended(transfer, TransferStatus.COMPLETED, counts, now),
        now);
    return true;
  }

  /** {@code counts} moved by {@code deltas}. */
  static Map<TransferDeviceState, Long> plus(
      Map<TransferDeviceState, Long> counts, Map<TransferDeviceState, Long> deltas) {
    Map<TransferDeviceState, Long> sum = new EnumMap<>(counts);
    deltas.forEach((state, n) -> sum.merge(state, n, Long::sum));
    return sum;
  }

  /** The event of a transfer's end. */
  static PendingEvent ended(
      Transfer transfer, TransferStatus status, Map<TransferDeviceState, Long> counts, Instant at) {
    return new PendingEvent(
        TransferEnded.TYPE,
        TransferEnded.VERSION,
        new TransferEnded(
            transfer.id(),
            status.name(),
            transfer.packageId(),
            transfer.productKey(),
            transfer.module(),
            transfer.startVersion(),
            transfer.targetVersion(),
            byName(counts),
            at));
  }

  /** Counts keyed by the states' names, as the events carry them. */
  static Map<String, Long> byName(Map<TransferDeviceState, Long> counts) {
    Map<String, Long> byState = new LinkedHashMap<>();
    counts.forEach((state, n) -> byState.put(state.name(), n));
    return byState;
  }

  /** The event of a device's end, keyed by its transfer so a transfer's events stay in order. */
  private static PendingEvent deviceEnded(Transfer transfer, TransferDevices.Move move) {
    return PendingEvent.to(
        BatchTopics.BATCH_EVENTS,
        transfer.id(),
        TransferDeviceEnded.TYPE,
        TransferDeviceEnded.VERSION,
        new TransferDeviceEnded(
            transfer.id(),
            move.deviceName(),
            move.to().name(),
            transfer.packageId(),
            transfer.productKey(),
            transfer.module(),
            transfer.startVersion(),
            transfer.targetVersion(),
            move.jobId(),
            move.description(),
            move.at()));
  }

  private static @Nullable String shorten(@Nullable String description) {
    return description == null || description.length() <= JobStateChanged.MAX_DESCRIPTION
        ? description
        : description.substring(0, JobStateChanged.MAX_DESCRIPTION);
  }
}
