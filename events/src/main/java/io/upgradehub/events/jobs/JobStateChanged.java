package io.upgradehub.events.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A device upgrade job entered a state. Published by campaign-service to {@link
 * JobTopics#JOB_EVENTS}, keyed by the device ({@code productKey/deviceName}), once for every state
 * an attempt enters.
 *
 * <p>A final state ({@link JobState#isFinal()}) ends an attempt, and each attempt ends at most
 * once: a consumer treats the events {@code (jobId, attempt, state)} as one, whatever their event
 * ids. campaign-service publishes the events of one device in the order their states were entered
 * ({@code at}); consumers rely on that order and ignore a final event older than one they already
 * counted.
 *
 * @param jobId the job, 1–64 of {@code A-Z a-z 0-9 _ . : -}, unique across the platform; the same
 *     in every attempt, as in the {@code UpgradeCommand}s of the job
 * @param batchId the batch (verification, batch upgrade or transfer) the job belongs to, 1–64 of
 *     {@code A-Z a-z 0-9 _ . : -}
 * @param packageId the package the job installs
 * @param module the module the package upgrades
 * @param fromVersion the version the device ran on {@code module} when the job was created; null
 *     when none was known
 * @param targetVersion the package's version
 * @param state the state entered, never null; readers that do not know a state skip the event
 * @param attempt 1 for the job's first attempt, 2 for its first retry, …
 * @param failureCode set only for {@link JobState#FAILED}, and null there too when the device gave
 *     no code (say the command could not be sent): {@code -1} download failed, {@code -2} checksum
 *     or signature failed, {@code -3} install failed, {@code -4} other, as the device reported it
 *     ({@code DeviceProgressReported}); readers treat a code they do not know as {@code -4}
 * @param description for operators: the device's text or why the platform ended the attempt, at
 *     most 256 characters, may be null
 * @param at when the job entered {@code state}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobStateChanged(
    String jobId,
    String batchId,
    String productKey,
    String deviceName,
    String packageId,
    String module,
    String fromVersion,
    String targetVersion,
    JobState state,
    int attempt,
    Integer failureCode,
    String description,
    Instant at) {

  public static final String TYPE = "job.state-changed";
  public static final int VERSION = 1;

  /** The longest {@code description} a producer may send. */
  public static final int MAX_DESCRIPTION = 256;
}
