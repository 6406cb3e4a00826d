package io.upgradehub.campaign.job;

import io.upgradehub.events.devices.CancelCommand;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.UpgradeCommand;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.outbox.PendingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One device's upgrade of one module in one batch, and its state machine: {@code QUEUED → NOTIFIED
 * → DOWNLOADING → UPGRADING → SUCCEEDED}, and {@code FAILED}, {@code TIMED_OUT} or {@code CANCELED}
 * from any state before the end. A failed or timed-out attempt the batch retries waits {@code
 * interval} and comes back {@code QUEUED} as the next attempt.
 *
 * <p>Each change checks the state, never goes backwards, and raises the events that must be
 * published with it: the job event (always) and the device command (when the device must be told).
 * A job is <em>open</em> until its last attempt ended: while open it holds its device's module (its
 * {@link #slot()}), so a device is in one open job per module.
 */
public final class Job {

  private final String id;
  private final String batchId;
  private final long seq;
  private final String productKey;
  private final String deviceName;
  private final String module;
  private final String packageId;
  private final String targetVersion;
  private final @Nullable String fromVersion;
  private final boolean pull;
  private final Instant createdAt;
  private @Nullable String currentVersion;
  private JobState state;
  private int attempt;
  private int step;
  private boolean released;
  private boolean retryPending;
  private @Nullable Instant notifiedAt;
  private @Nullable Instant due;
  private @Nullable Integer failureCode;
  private @Nullable String description;
  private Instant updatedAt;
  private final long revision;
  // whether the stored document still had events waiting for the outbox relay when read; a new,
  // not yet stored job counts as having them (nothing may be assumed about it)
  private boolean eventsWaitingWhenRead = true;
  private boolean changed;
  private final List<PendingEvent> events = new ArrayList<>();

  Job(
      String id,
      String batchId,
      long seq,
      String productKey,
      String deviceName,
      String module,
      String packageId,
      String targetVersion,
      @Nullable String fromVersion,
      boolean pull,
      Instant createdAt,
      @Nullable String currentVersion,
      JobState state,
      int attempt,
      int step,
      boolean released,
      boolean retryPending,
      @Nullable Instant notifiedAt,
      @Nullable Instant due,
      @Nullable Integer failureCode,
      @Nullable String description,
      Instant updatedAt,
      long revision) {
    this.id = id;
    this.batchId = batchId;
    this.seq = seq;
    this.productKey = productKey;
    this.deviceName = deviceName;
    this.module = module;
    this.packageId = packageId;
    this.targetVersion = targetVersion;
    this.fromVersion = fromVersion;
    this.pull = pull;
    this.createdAt = createdAt;
    this.currentVersion = currentVersion;
    this.state = state;
    this.attempt = attempt;
    this.step = step;
    this.released = released;
    this.retryPending = retryPending;
    this.notifiedAt = notifiedAt;
    this.due = due;
    this.failureCode = failureCode;
    this.description = description;
    this.updatedAt = updatedAt;
    this.revision = revision;
  }

  /**
   * A new job, {@code QUEUED} as attempt 1. It raises no event: a batch plans up to millions of
   * jobs at once, and what readers of job events want to know begins when the job starts (its
   * batch's events say how many were planned). A retry's {@code QUEUED} is announced.
   */
  public static Job plan(
      String batchId,
      long seq,
      String productKey,
      String deviceName,
      String module,
      String packageId,
      String targetVersion,
      @Nullable String fromVersion,
      boolean pull,
      Instant now) {
    Job job =
        new Job(
            batchId + "-" + seq,
            batchId,
            seq,
            productKey,
            deviceName,
            module,
            packageId,
            targetVersion,
            fromVersion,
            pull,
            now,
            fromVersion,
            JobState.QUEUED,
            1,
            0,
            false,
            false,
            null,
            null,
            null,
            null,
            now,
            0);
    return job;
  }

  /** The id of a batch's job number {@code seq}. */
  public static String id(String batchId, long seq) {
    return batchId + "-" + seq;
  }

  /** The key a device's open job of a module holds: {@code productKey/deviceName/module}. */
  public static String slot(String productKey, String deviceName, String module) {
    return productKey + "/" + deviceName + "/" + module;
  }

  /**
   * A {@code PULL} job may now be answered when its device asks; the batch's rate releases them.
   *
   * @return whether this changed anything
   */
  public boolean release() {
    if (state != JobState.QUEUED || released) {
      return false;
    }
    released = true;
    return true;
  }

  /**
   * Starts the attempt: {@code QUEUED → NOTIFIED}, with the upgrade command unless the device asked
   * over HTTP and is answered directly. A device that already runs the target succeeds instead, and
   * one that no longer runs a from-version is canceled: it is never sent a package it cannot take.
   *
   * @param fits whether a version is one the batch upgrades from
   * @param sendCommand whether to publish the upgrade command (false for the HTTP pull)
   * @return the state entered, or null when the job was not {@code QUEUED}
   */
  public @Nullable JobState start(
      JobPackage pkg,
      java.util.function.Predicate<String> fits,
      RetryPolicy policy,
      boolean sendCommand,
      Instant now) {
    if (state != JobState.QUEUED) {
      return null;
    }
    if (targetVersion.equals(currentVersion)) {
      enter(JobState.SUCCEEDED, null, "the device already runs the target version", now);
      return state;
    }
    if (currentVersion != null && !fits.test(currentVersion)) {
      enter(
          JobState.CANCELED,
          null,
          "the device runs " + currentVersion + ", which this batch does not upgrade from",
          now);
      return state;
    }
    released = true;
    notifiedAt = now;
    due = now.plus(policy.timeout());
    enter(JobState.NOTIFIED, null, null, now);
    if (sendCommand) {
      events.add(
          PendingEvent.to(
              DeviceTopics.DEVICE_COMMANDS,
              deviceKey(),
              UpgradeCommand.TYPE,
              UpgradeCommand.VERSION,
              command(pkg, now)));
    }
    return state;
  }

  /**
   * Sends the running attempt's command again (the device asked again, say after a restart); the
   * state does not change.
   *
   * @return whether there was a running attempt to send
   */
  public boolean remind(JobPackage pkg, Instant now) {
    if (!isRunning()) {
      return false;
    }
    events.add(
        PendingEvent.to(
            DeviceTopics.DEVICE_COMMANDS,
            deviceKey(),
            UpgradeCommand.TYPE,
            UpgradeCommand.VERSION,
            command(pkg, now)));
    touch(now);
    return true;
  }

  /** The command that tells the device to take this job, as published or answered to a pull. */
  public UpgradeCommand command(JobPackage pkg, Instant now) {
    return new UpgradeCommand(
        id,
        productKey,
        deviceName,
        module,
        pkg.packageId(),
        pkg.type(),
        pkg.targetVersion(),
        pkg.size(),
        pkg.sha256(),
        pkg.md5(),
        pkg.signature(),
        pkg.signatureAlgorithm(),
        now);
  }

  /**
   * A progress step from the device: 1–50 downloading, 51–100 installing. A step of an earlier
   * attempt (reported before this one started), a step lower than one seen, or a step after the end
   * changes nothing.
   *
   * @return the state entered, or null when nothing changed
   */
  public @Nullable JobState progress(int reportedStep, Instant reportedAt, Instant now) {
    if (!isRunning() || notifiedAt == null || reportedAt.isBefore(notifiedAt)) {
      return null;
    }
    JobState next = reportedStep <= 50 ? JobState.DOWNLOADING : JobState.UPGRADING;
    boolean forward = next.ordinal() > state.ordinal();
    if (reportedStep <= step && !forward) {
      return null;
    }
    step = Math.max(step, reportedStep);
    if (!forward) {
      touch(now);
      return state;
    }
    enter(next, null, null, now);
    return state;
  }

  /**
   * The device reported a version of the job's module: the target ends the job {@code SUCCEEDED}
   * from any open state; another version is remembered (a job that has not started checks it).
   *
   * @return the state entered, or null when the state did not change
   */
  public @Nullable JobState versionReported(String version, Instant now) {
    if (!isOpen()) {
      return null;
    }
    currentVersion = version;
    touch(now);
    if (!version.equals(targetVersion) || retryPending) {
      // a job waiting for its retry finds the version when it is queued again
      return null;
    }
    enter(JobState.SUCCEEDED, null, null, now);
    return state;
  }

  /**
   * The attempt failed: the device reported a failure code, or the command could not be given.
   *
   * @param code the device's failure code; null when the device gave none
   * @return the state entered, or null when the job was not running
   */
  public @Nullable JobState fail(
      @Nullable Integer code,
      @Nullable String why,
      @Nullable Instant reportedAt,
      RetryPolicy policy,
      Instant now) {
    if (!isRunning()
        || (reportedAt != null && notifiedAt != null && reportedAt.isBefore(notifiedAt))) {
      return null;
    }
    enter(JobState.FAILED, code, why, now);
    scheduleRetry(policy, now);
    return state;
  }

  /**
   * The device did not finish within the batch's timeout.
   *
   * @return the state entered, or null when the job is not running or not yet due
   */
  public @Nullable JobState timeOut(RetryPolicy policy, Instant now) {
    if (!isRunning() || due == null || due.isAfter(now)) {
      return null;
    }
    enter(
        JobState.TIMED_OUT,
        null,
        "no target version within " + policy.timeout().toMinutes() + " minute(s)",
        now);
    scheduleRetry(policy, now);
    return state;
  }

  /**
   * A failed or timed-out attempt whose retry is due comes back {@code QUEUED} as the next attempt.
   *
   * @return whether it did
   */
  public boolean requeue(Instant now) {
    if (!retryPending || due == null || due.isAfter(now)) {
      return false;
    }
    retryPending = false;
    attempt++;
    step = 0;
    notifiedAt = null;
    due = null;
    released = false;
    enter(JobState.QUEUED, null, null, now);
    return true;
  }

  /**
   * Cancels the job: an attempt that has not ended ends {@code CANCELED} (the device is told when
   * it was sent the job); a job waiting for its retry is not retried.
   *
   * @return the state entered, or null when the job had already ended
   */
  public @Nullable JobState cancel(String why, Instant now) {
    if (retryPending) {
      retryPending = false;
      due = null;
      description = why;
      touch(now);
      return state;
    }
    if (state.isFinal()) {
      return null;
    }
    boolean told = state != JobState.QUEUED;
    enter(JobState.CANCELED, null, why, now);
    if (told) {
      events.add(
          PendingEvent.to(
              DeviceTopics.DEVICE_COMMANDS,
              deviceKey(),
              CancelCommand.TYPE,
              CancelCommand.VERSION,
              new CancelCommand(id, productKey, deviceName, module, now)));
    }
    return state;
  }

  private void touch(Instant now) {
    updatedAt = now;
    changed = true;
  }

  private void scheduleRetry(RetryPolicy policy, Instant now) {
    if (policy.retriesAfter(attempt)) {
      retryPending = true;
      due = now.plus(policy.interval());
    }
  }

  private void enter(JobState next, @Nullable Integer code, @Nullable String why, Instant now) {
    state = next;
    failureCode = code;
    description = why == null ? null : abbreviate(why);
    touch(now);
    if (next.isFinal() || next == JobState.QUEUED) {
      due = null;
    }
    raiseStateChanged(now);
  }

  private void raiseStateChanged(Instant now) {
    events.add(
        PendingEvent.to(
            JobTopics.JOB_EVENTS,
            deviceKey(),
            JobStateChanged.TYPE,
            JobStateChanged.VERSION,
            new JobStateChanged(
                id,
                batchId,
                productKey,
                deviceName,
                packageId,
                module,
                fromVersion,
                targetVersion,
                state,
                attempt,
                failureCode,
                description,
                now)));
  }

  private static String abbreviate(String text) {
    return text.length() <= JobStateChanged.MAX_DESCRIPTION
        ? text
        : text.substring(0, JobStateChanged.MAX_DESCRIPTION - 1) + "…";
  }

  /** Whether an attempt is under way: the device was told and has not finished. */
  public boolean isRunning() {
    return state == JobState.NOTIFIED
        || state == JobState.DOWNLOADING
        || state == JobState.UPGRADING;
  }

  /** Whether the job still holds its device's module: an attempt runs, waits, or will retry. */
  public boolean isOpen() {
    return !state.isFinal() || retryPending;
  }

  public String deviceKey() {
    return productKey + "/" + deviceName;
  }

  /** The slot an open job holds; an ended job holds its own id, so it blocks nobody. */
  public String slot() {
    return isOpen() ? slot(productKey, deviceName, module) : id;
  }

  /** Events raised since this object was read, in order. */
  public List<PendingEvent> events() {
    return List.copyOf(events);
  }

  public String id() {
    return id;
  }

  public String batchId() {
    return batchId;
  }

  public long seq() {
    return seq;
  }

  public String productKey() {
    return productKey;
  }

  public String deviceName() {
    return deviceName;
  }

  public String module() {
    return module;
  }

  public String packageId() {
    return packageId;
  }

  public String targetVersion() {
    return targetVersion;
  }

  public @Nullable String fromVersion() {
    return fromVersion;
  }

  public boolean pull() {
    return pull;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public @Nullable String currentVersion() {
    return currentVersion;
  }

  public JobState state() {
    return state;
  }

  public int attempt() {
    return attempt;
  }

  public int step() {
    return step;
  }

  public boolean released() {
    return released;
  }

  public boolean retryPending() {
    return retryPending;
  }

  public @Nullable Instant notifiedAt() {
    return notifiedAt;
  }

  public @Nullable Instant due() {
    return due;
  }

  public @Nullable Integer failureCode() {
    return failureCode;
  }

  public @Nullable String description() {
    return description;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** Whether anything changed since this object was read (or planned). */
  public boolean changed() {
    return changed;
  }

  /** The optimistic-lock revision this object was read at. */
  long revision() {
    return revision;
  }

  boolean eventsWaitingWhenRead() {
    return eventsWaitingWhenRead;
  }

  void readWithEventsWaiting(boolean waiting) {
    this.eventsWaitingWhenRead = waiting;
  }
}
