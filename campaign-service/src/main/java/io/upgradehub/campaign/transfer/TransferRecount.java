package io.upgradehub.campaign.transfer;

import java.time.Clock;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What a stop may leave of transfers, put right now and then: counts off by the moves made between
 * a device's move and its transfer's counts (each transfer in progress whose counts stood still is
 * counted again, which also ends one that is complete), and cancellations begun more than a minute
 * ago and not finished.
 */
@Component
class TransferRecount {

  private static final Duration CANCELLATION_AGE = Duration.ofMinutes(1);

  private final Transfers transfers;
  private final TransferProgress progress;
  private final TransferCancellation cancellation;
  private final Clock clock;

  TransferRecount(
      Transfers transfers,
      TransferProgress progress,
      TransferCancellation cancellation,
      Clock clock) {
    this.transfers = transfers;
    this.progress = progress;
    this.cancellation = cancellation;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${upgradehub.campaigns.transfers.recount-interval:1m}",
      fixedDelayString = "${upgradehub.campaigns.transfers.recount-interval:1m}")
  void recountAll() {
    transfers.inProgressIds().forEach(progress::heal);
    transfers
        .cancelingSince(clock.instant().minus(CANCELLATION_AGE))
        .forEach(c -> cancellation.finish(c.transfer(), c.by(), c.at()));
  }
}
