package io.upgradehub.campaign.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes the decisions an instance began and did not end (it stopped between moving the devices
 * and recording the decision): counts the devices that carry the decision's id, then records it and
 * publishes its event as the instance would have, so no decision is lost and the transfer takes
 * decisions again.
 */
@Component
class UnfinishedDecisions {

  private static final Logger log = LoggerFactory.getLogger(UnfinishedDecisions.class);

  private final Transfers transfers;
  private final TransferDevices devices;
  private final TransferReview review;
  private final Clock clock;
  private final Duration age;

  UnfinishedDecisions(
      Transfers transfers,
      TransferDevices devices,
      TransferReview review,
      Clock clock,
      @Value("${upgradehub.campaigns.transfers.unfinished-decision-age:1m}") Duration age) {
    this.transfers = transfers;
    this.devices = devices;
    this.review = review;
    this.clock = clock;
    this.age = age;
  }

  /**
   * Finishes every decision begun more than {@code unfinished-decision-age} ago.
   *
   * @return how many were finished
   */
  @Scheduled(
      initialDelayString = "${upgradehub.campaigns.transfers.unfinished-decision-check:30s}",
      fixedDelayString = "${upgradehub.campaigns.transfers.unfinished-decision-check:30s}")
  int finish() {
    List<Transfers.Unfinished> unfinished = transfers.decisionsSince(clock.instant().minus(age));
    for (Transfers.Unfinished u : unfinished) {
      String transferId = u.transfer().id();
      review.finish(
          u.transfer(), u.decision(), devices.countDecided(transferId, u.decision().id()));
      log.info(
          "Finished decision {} of transfer {}, left by a stop", u.decision().id(), transferId);
    }
    return unfinished.size();
  }
}
