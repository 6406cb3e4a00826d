package io.upgradehub.campaign.transfer;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts the devices of each transfer in progress again, now and then: a stop between a device's
 * move and its transfer's counts leaves them off by one, and only a recount ends such a transfer.
 */
@Component
class TransferRecount {

  private final Transfers transfers;
  private final TransferProgress progress;

  TransferRecount(Transfers transfers, TransferProgress progress) {
    this.transfers = transfers;
    this.progress = progress;
  }

  @Scheduled(
      initialDelayString = "${upgradehub.campaigns.transfers.recount-interval:1m}",
      fixedDelayString = "${upgradehub.campaigns.transfers.recount-interval:1m}")
  void recountAll() {
    transfers.inProgressIds().forEach(progress::recount);
  }
}
