package io.upgradehub.inventory.device;

import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One attempt of a device upgrade job that ended, as the upgrade log and the counters take it.
 *
 * @param outcome the final state the attempt ended in
 * @param fromVersion the version the device ran when the job was created, null when unknown
 * @param toVersion the job's target version
 * @param failureCode -1 to -4, only for {@link JobState#FAILED}, null when the device gave none
 * @param at when the attempt ended
 */
record UpgradeAttempt(
    DeviceId device,
    String jobId,
    String batchId,
    String packageId,
    int attempt,
    JobState outcome,
    String module,
    @Nullable String fromVersion,
    String toVersion,
    @Nullable Integer failureCode,
    @Nullable String description,
    Instant at) {

  /** Nanoseconds, fixed width: the text of two instants sorts as the instants do. */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  UpgradeAttempt {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(jobId, "jobId");
    if (!outcome.isFinal()) {
      throw new IllegalArgumentException("an attempt ends in a final state, not " + outcome);
    }
  }

  /**
   * The attempt a final job event reports; a failure code is kept only for {@code FAILED}, a code
   * outside -1..-4 read as -4 (other), as the contract asks of readers. A description over {@value
   * JobStateChanged#MAX_DESCRIPTION} characters is cut there rather than the event refused: an
   * outcome is worth more than its text.
   */
  static UpgradeAttempt of(JobStateChanged event) {
    Integer code = null;
    if (event.state() == JobState.FAILED && event.failureCode() != null) {
      int c = event.failureCode();
      code = c >= -4 && c <= -1 ? c : -4;
    }
    return new UpgradeAttempt(
        new DeviceId(event.productKey(), event.deviceName()),
        event.jobId(),
        event.batchId(),
        event.packageId(),
        event.attempt(),
        event.state(),
        event.module(),
        event.fromVersion(),
        event.targetVersion(),
        code,
        cut(event.description()),
        event.at());
  }

  private static @Nullable String cut(@Nullable String description) {
    if (description == null || description.length() <= JobStateChanged.MAX_DESCRIPTION) {
      return description;
    }
    int end = JobStateChanged.MAX_DESCRIPTION;
    // never half a surrogate pair
    return description.substring(
        0, Character.isHighSurrogate(description.charAt(end - 1)) ? end - 1 : end);
  }

  /** Counted in {@code totalUpgrades}: a canceled attempt was no upgrade the device tried. */
  boolean isUpgrade() {
    return outcome != JobState.CANCELED;
  }

  /** Counted in {@code totalFailures}. */
  boolean isFailure() {
    return outcome == JobState.FAILED || outcome == JobState.TIMED_OUT;
  }

  /** The log entry's kind: {@code UPGRADE_} and the outcome. */
  String kind() {
    return "UPGRADE_" + outcome.name();
  }

  /**
   * The log entry's {@code _id}: the same for every delivery of the attempt's end, whatever its
   * event id (a producer may publish it again under a new one). The device is part of it so that
   * job ids need only be unique per device; no part holds a '/', so no two attempts share one.
   */
  String logId() {
    return device.value() + "/" + jobId + "/" + attempt + "/" + outcome;
  }

  /**
   * Orders the ends of one device's attempts as {@code (at, jobId, attempt, outcome)} do, as text
   * that MongoDB compares the same way on every server: a fixed-width instant, then the parts
   * separated by a space, which sorts below every character a job id may hold, and the attempt
   * zero-padded.
   */
  String orderKey() {
    return SORTABLE.format(at) + " " + jobId + " " + "%010d".formatted(attempt) + " " + outcome;
  }
}
