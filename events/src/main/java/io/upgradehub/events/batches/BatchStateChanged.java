package io.upgradehub.events.batches;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;

/**
 * A batch entered a state. Published by campaign-service to {@link BatchTopics#BATCH_EVENTS}, keyed
 * by {@code batchId}, once for every state it enters, in order.
 *
 * @param batchId the batch, 1–64 of {@code A-Z a-z 0-9 _ . : -}
 * @param kind {@code VERIFY} (a verification), {@code BATCH} (a batch upgrade) or {@code TRANSFER};
 *     readers treat a kind they do not know as {@code BATCH}
 * @param packageId the package the batch installs
 * @param state the state entered, never null; readers that do not know a state skip the event
 * @param jobs the batch's jobs per job state ({@code io.upgradehub.events.jobs.JobState} names)
 *     when it entered {@code state}; states without jobs are left out
 * @param reason why, for operators: who paused or canceled it, or the abort rule that paused it;
 *     may be null
 * @param at when the batch entered {@code state}
 * @param previousState the state the batch left; null for a new batch (version 1 events written
 *     before this field have none either: readers then take a {@code RUNNING} as a start)
 * @param abortRule true when the batch's abort rule paused it (state {@code PAUSED}), false for
 *     every other change
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchStateChanged(
    String batchId,
    String kind,
    String packageId,
    String productKey,
    String module,
    String targetVersion,
    BatchState state,
    Map<String, Long> jobs,
    String reason,
    Instant at,
    BatchState previousState,
    boolean abortRule) {

  public static final String TYPE = "batch.state-changed";
  public static final int VERSION = 1;
}
