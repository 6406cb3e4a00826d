package io.upgradehub.events.batches;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A device of a transferred-in batch reached the end of its upgrade: it runs the target version,
 * its upgrade failed for good (retries included), or it was canceled. Published by campaign-service
 * to {@link BatchTopics#BATCH_EVENTS}, keyed by {@code transferId}, once per device (a consumer
 * treats {@code (transferId, deviceName)} as one, whatever the event id).
 *
 * @param transferId the transfer, 1–64 of {@code A-Z a-z 0-9 _ . : -}
 * @param state {@code SUCCEEDED}, {@code FAILED} or {@code CANCELED}
 * @param jobId the job that upgraded it; null when none was needed or could be made (it already ran
 *     the target version, or ran neither the start nor the target version)
 * @param description for operators: why it failed or was canceled, at most 256 characters; may be
 *     null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransferDeviceEnded(
    String transferId,
    String deviceName,
    String state,
    String packageId,
    String productKey,
    String module,
    String startVersion,
    String targetVersion,
    String jobId,
    String description,
    Instant at) {

  public static final String TYPE = "transfer.device-ended";
  public static final int VERSION = 1;
}
