package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.TransferBatches;
import io.upgradehub.campaign.system.ErrorCode;
import io.upgradehub.problems.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Cancels a transfer that has not ended: nothing more happens to its devices. Its batch is canceled
 * (the devices under way are told, and end {@code CANCELED} as their jobs do), and the devices
 * awaiting review or not yet started end {@code CANCELED} at once; every hold is let go. The
 * transfer is marked first, so a stop midway is finished by {@link TransferRecount}.
 */
@Service
class TransferCancellation {

  static final String ACTION = "CANCEL";

  private final Transfers transfers;
  private final TransferDevices devices;
  private final TransferBatches batches;
  private final TransferReview review;
  private final Clock clock;

  TransferCancellation(
      Transfers transfers,
      TransferDevices devices,
      TransferBatches batches,
      TransferReview review,
      Clock clock) {
    this.transfers = transfers;
    this.devices = devices;
    this.batches = batches;
    this.review = review;
    this.clock = clock;
  }

  /**
   * Cancels the transfer; canceling it again answers the same.
   *
   * @throws ApiException {@code TRANSFER_NOT_FOUND}; {@code TRANSFER_STATE_CONFLICT} when it ended
   *     ({@code COMPLETED} or {@code REJECTED}) or a decision on it is under way
   */
  Transfer cancel(String transferId, String by) {
    Transfer transfer = review.get(transferId);
    if (transfer.status() == TransferStatus.CANCELED) {
      return transfer;
    }
    Instant now = clock.instant();
    if (!transfers.beginCancel(transferId, by, now)) {
      Transfer current = review.get(transferId);
      if (current.status() == TransferStatus.CANCELED) {
        return current;
      }
      throw new ApiException(
          ErrorCode.TRANSFER_STATE_CONFLICT,
          current.status() == TransferStatus.COMPLETED
                  || current.status() == TransferStatus.REJECTED
              ? "Transfer " + transferId + " ended " + current.status() + ": nothing to cancel"
              : "A decision on transfer " + transferId + " is under way; try again");
    }
    finish(transfer, by, now);
    return review.get(transferId);
  }

  /**
   * Does what a cancellation marked on the transfer does; safe to repeat (the counts of devices a
   * stop left canceled but not counted are put right by {@link TransferRecount}).
   */
  void finish(Transfer transfer, String by, Instant at) {
    batches.cancel(transfer.id(), "the transfer was canceled by " + by);
    Map<TransferDeviceState, Long> deltas = devices.cancelWaiting(transfer.id(), at);
    long canceled = deltas.getOrDefault(TransferDeviceState.CANCELED, 0L);
    Map<TransferDeviceState, Long> counts =
        TransferProgress.plus(review.get(transfer.id()).counts(), deltas);
    transfers.canceled(
        transfer.id(),
        deltas,
        new Decision(ACTION, true, canceled, canceled, by, at),
        TransferProgress.ended(transfer, TransferStatus.CANCELED, counts, at));
  }
}
