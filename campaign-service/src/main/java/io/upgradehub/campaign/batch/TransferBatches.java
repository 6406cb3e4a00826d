package io.upgradehub.campaign.batch;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import io.upgradehub.campaign.packages.KnownPackage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The {@link BatchKind#TRANSFER} batches that upgrade transferred-in devices, one per transfer and
 * with its id: opened when the first devices are accepted, planned again after each decision.
 */
@Service
public class TransferBatches {

  private final Batches batches;
  private final BatchLifecycle lifecycle;

  TransferBatches(Batches batches, BatchLifecycle lifecycle) {
    this.batches = batches;
    this.lifecycle = lifecycle;
  }

  /**
   * Opens the transfer's batch unless it has one, and has it plan the devices decided since its
   * last planning. Safe to repeat: the batch's id is the transfer's.
   *
   * @param pkg the package chosen at intake
   * @param settings the transfer's upgrade settings
   */
  public void decided(
      String transferId,
      KnownPackage pkg,
      String startVersion,
      UpgradeSettings settings,
      Instant now) {
    if (batches.find(transferId).isEmpty()) {
      BatchSpec spec =
          new BatchSpec(
              BatchKind.TRANSFER,
              BatchRequests.jobPackage(pkg),
              pkg.name(),
              pkg.productKey(),
              pkg.module(),
              List.of(startVersion),
              Strategy.STATIC,
              Scope.devices(List.of()),
              null,
              null,
              settings.ratePerMinute(),
              settings.policy(),
              settings.mode(),
              settings.abort());
      try {
        batches.insert(Batch.create(transferId, spec, now));
        return; // planned from the start
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
    }
    batches.reopenPlanning(transferId);
  }

  /** Only asks an open batch to plan again (after devices were rejected: it may be done). */
  public void replan(String transferId) {
    batches.reopenPlanning(transferId);
  }

  /**
   * Cancels the transfer's batch, if it has one that runs: no device starts any more and its open
   * jobs are canceled.
   *
   * @return false when it has none, or it ended already
   */
  public boolean cancel(String transferId, String why) {
    Optional<Batch> batch = batches.find(transferId);
    if (batch.isEmpty() || !lifecycle.cancel(batch.get(), why)) {
      return false;
    }
    // a parked planning is woken so that the dispatcher can end it and retire the batch
    batches.reopenPlanning(transferId);
    return true;
  }
}
