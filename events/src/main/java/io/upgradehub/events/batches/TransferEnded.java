package io.upgradehub.events.batches;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * A transferred-in batch ended: every device was decided and every accepted one's upgrade ended
 * ({@code COMPLETED}), or an operator canceled it ({@code CANCELED}). Published by campaign-service
 * to {@link BatchTopics#BATCH_EVENTS}, keyed by {@code transferId}, once.
 *
 * @param status {@code COMPLETED} or {@code CANCELED}
 * @param counts the transfer's devices by state at the end
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferEnded(
    String transferId,
    String status,
    String packageId,
    String productKey,
    String module,
    String startVersion,
    String targetVersion,
    Map<String, Long> counts,
    Instant at) {

  public static final String TYPE = "transfer.ended";
  public static final int VERSION = 1;
}
