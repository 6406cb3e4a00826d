package io.upgradehub.campaign.transfer;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Takes away the intakes an instance began and never finished (it stopped while storing the
 * devices): the transfer was never shown, but its devices would hold their names from other
 * transfers for good.
 */
@Component
class AbandonedIntakes {

  private static final Logger log = LoggerFactory.getLogger(AbandonedIntakes.class);

  private final Transfers transfers;
  private final TransferDevices devices;
  private final Clock clock;
  private final Duration age;

  AbandonedIntakes(
      Transfers transfers,
      TransferDevices devices,
      Clock clock,
      @Value("${upgradehub.campaigns.transfers.abandoned-intake-age:1h}") Duration age) {
    this.transfers = transfers;
    this.devices = devices;
    this.clock = clock;
    this.age = age;
  }

  /**
   * Removes every intake begun more than {@code abandoned-intake-age} ago and still receiving.
   *
   * @return how many were removed
   */
  @Scheduled(
      initialDelayString = "${upgradehub.campaigns.transfers.abandoned-intake-check:5m}",
      fixedDelayString = "${upgradehub.campaigns.transfers.abandoned-intake-check:5m}")
  int clean() {
    int removed = 0;
    for (String id : transfers.receivingSince(clock.instant().minus(age))) {
      devices.deleteAll(id);
      transfers.delete(id);
      removed++;
      log.info("Removed transfer {}, whose intake was abandoned", id);
    }
    return removed;
  }
}
