package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.UpgradeSettings;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of devices transferred in from another account or platform, to be brought from a start
 * version to a target version of one module once an operator accepts them (spec §4).
 *
 * @param source the account or platform the devices come from, free text
 * @param packageId the package chosen at intake to bring them to the target version
 * @param counts devices by state, every state present
 * @param decisions the accepts and rejects, oldest first
 * @param createdBy the API key's name that sent the transfer
 */
public record Transfer(
    String id,
    String source,
    String productKey,
    String productName,
    String module,
    String startVersion,
    String targetVersion,
    String packageId,
    String packageName,
    UpgradeSettings settings,
    TransferStatus status,
    long devices,
    Map<TransferDeviceState, Long> counts,
    List<Decision> decisions,
    Instant createdAt,
    String createdBy,
    Instant updatedAt) {

  public Transfer {
    Map<TransferDeviceState, Long> all = new EnumMap<>(TransferDeviceState.class);
    for (TransferDeviceState state : TransferDeviceState.values()) {
      all.put(state, counts.getOrDefault(state, 0L));
    }
    counts = Collections.unmodifiableMap(all);
    decisions = List.copyOf(decisions);
  }
}
