package io.upgradehub.events.batches;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * An operator accepted or rejected devices of a transferred-in batch. Published by campaign-service
 * to {@link BatchTopics#BATCH_EVENTS}, keyed by {@code transferId}, once for each decision that
 * changed a device (a repeated one changes none and publishes nothing).
 *
 * @param transferId the transfer, 1–64 of {@code A-Z a-z 0-9 _ . : -}
 * @param action {@code ACCEPT} or {@code REJECT}
 * @param packageId the package that brings the transfer's devices to the target version
 * @param all whether the decision named every device awaiting review rather than a list
 * @param changed how many devices it accepted or rejected
 * @param counts the transfer's devices by state after it ({@code AWAITING_REVIEW}, {@code PENDING},
 *     {@code UPGRADING}, {@code SUCCEEDED}, {@code FAILED}, {@code REJECTED})
 * @param status the transfer's status after it
 * @param by the name of the API key that decided
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferDecided(
    String transferId,
    String action,
    String packageId,
    String productKey,
    String module,
    String startVersion,
    String targetVersion,
    boolean all,
    long changed,
    Map<String, Long> counts,
    String status,
    String by,
    Instant at) {

  public static final String TYPE = "transfer.decided";
  public static final int VERSION = 1;
}
