package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.inventory.DeviceVersion;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the devices of a {@link BatchKind#TRANSFER} batch come from: the transfer's accepted
 * devices, which arrive as operators accept them (the transfer package implements it).
 */
public interface TransferScope {

  /**
   * Up to {@code limit} accepted devices of the batch's transfer that planning has not taken yet,
   * by name after {@code after} (null: from the first), with their version of the module; a device
   * inventory-service did not have is registered there with the transfer's start version first.
   * Empty when none is left for now.
   */
  List<DeviceVersion> unplanned(Batch batch, @Nullable String after, int limit);

  /**
   * Records what planning made of devices {@link #unplanned} gave: a job for those in {@code
   * withJobs}, none for those in {@code left}, for the reason given.
   */
  void planned(Batch batch, List<String> withJobs, Map<String, Exclusion> left);

  /** Whether devices of the transfer still await review, so may be accepted later. */
  boolean moreToCome(Batch batch);
}
