package io.upgradehub.campaign.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.devices.CancelCommand;
import io.upgradehub.events.devices.UpgradeCommand;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.outbox.PendingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobTests {

  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final JobPackage PKG =
      new JobPackage("pkg-1", "FULL", "2.0", 10, "a", "b", "sig", "Ed25519");
  private static final RetryPolicy NO_RETRY =
      new RetryPolicy(0, Duration.ofMinutes(1), Duration.ofMinutes(10));
  private static final RetryPolicy TWO_RETRIES =
      new RetryPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(10));

  private static Job queued(String from) {
    return Job.plan("b1", 7, "cam", "dev-1", "default", "pkg-1", "2.0", from, false, T0);
  }

  private static Job started(RetryPolicy policy) {
    Job job = queued("1.0");
    job.start(PKG, Set.of("1.0")::contains, policy, true, T0);
    return job;
  }

  private static List<JobState> states(Job job) {
    return job.events().stream()
        .filter(e -> e.type().equals(JobStateChanged.TYPE))
        .map(e -> ((JobStateChanged) e.data()).state())
        .toList();
  }

  @Test
  void aPlannedJobIsQueuedAsItsFirstAttemptHoldsItsDevicesModuleAndIsNotAnnounced() {
    Job job = queued("1.0");

    assertThat(job.id()).isEqualTo("b1-7");
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempt()).isEqualTo(1);
    assertThat(job.slot()).isEqualTo("cam/dev-1/default");
    assertThat(job.events()).isEmpty();
  }

  @Test
  void startingSendsTheUpgradeCommandToTheDeviceAndSetsTheDeadline() {
    Job job = queued("1.0");

    JobState entered = job.start(PKG, Set.of("1.0")::contains, NO_RETRY, true, T0);

    assertThat(entered).isEqualTo(JobState.NOTIFIED);
    assertThat(job.due()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    PendingEvent command = job.events().get(job.events().size() - 1);
    assertThat(command.type()).isEqualTo(UpgradeCommand.TYPE);
    assertThat(command.topic()).isEqualTo("upgradehub.device-commands");
    assertThat(command.key()).isEqualTo("cam/dev-1");
    assertThat(((UpgradeCommand) command.data()).jobId()).isEqualTo("b1-7");
  }

  @Test
  void aDeviceAlreadyOnTheTargetSucceedsWithoutACommand() {
    Job job = queued("1.0");
    job.versionReported("2.0", T0);

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.start(PKG, Set.of("1.0")::contains, NO_RETRY, true, T0)).isNull();
    assertThat(job.events()).noneMatch(e -> e.type().equals(UpgradeCommand.TYPE));
    assertThat(job.isOpen()).isFalse();
    assertThat(job.slot()).isEqualTo(job.id());
  }

  @Test
  void aDeviceThatLeftTheFromVersionsIsCanceledNotSentThePackage() {
    Job job = queued("1.0");
    job.versionReported("1.5", T0);

    JobState entered = job.start(PKG, Set.of("1.0")::contains, NO_RETRY, true, T0);

    assertThat(entered).isEqualTo(JobState.CANCELED);
    assertThat(job.events()).noneMatch(e -> e.type().equals(UpgradeCommand.TYPE));
  }

  @Test
  void progressMovesForwardOnlyAndRepeatsChangeNothing() {
    Job job = started(NO_RETRY);
    Instant later = T0.plusSeconds(5);

    assertThat(job.progress(10, later, later)).isEqualTo(JobState.DOWNLOADING);
    assertThat(job.progress(10, later, later)).isNull();
    assertThat(job.progress(70, later, later)).isEqualTo(JobState.UPGRADING);
    assertThat(job.progress(20, later, later)).isNull();
    assertThat(job.state()).isEqualTo(JobState.UPGRADING);
    assertThat(states(job))
        .containsExactly(JobState.NOTIFIED, JobState.DOWNLOADING, JobState.UPGRADING);
  }

  @Test
  void aLostProgressReportDoesNotStopSuccessOnTheTargetVersion() {
    Job job = started(NO_RETRY);

    assertThat(job.versionReported("2.0", T0.plusSeconds(3))).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.progress(60, T0.plusSeconds(2), T0.plusSeconds(4))).isNull();
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void anotherVersionIsRememberedButDoesNotEndARunningJob() {
    Job job = started(NO_RETRY);

    assertThat(job.versionReported("1.0", T0.plusSeconds(3))).isNull();
    assertThat(job.state()).isEqualTo(JobState.NOTIFIED);
  }

  @Test
  void aFailureWithoutRetriesEndsTheJobAndFreesTheDevice() {
    Job job = started(NO_RETRY);

    assertThat(job.fail(-3, "install failed", T0.plusSeconds(1), NO_RETRY, T0.plusSeconds(1)))
        .isEqualTo(JobState.FAILED);
    assertThat(job.isOpen()).isFalse();
    assertThat(job.failureCode()).isEqualTo(-3);
    assertThat(job.fail(-3, "again", T0.plusSeconds(2), NO_RETRY, T0.plusSeconds(2))).isNull();
  }

  @Test
  void aFailedAttemptIsQueuedAgainAfterTheIntervalWhileRetriesRemain() {
    Job job = started(TWO_RETRIES);
    Instant failedAt = T0.plusSeconds(30);
    job.fail(-1, "download failed", failedAt, TWO_RETRIES, failedAt);

    assertThat(job.isOpen()).isTrue();
    assertThat(job.requeue(failedAt.plusSeconds(59))).isFalse();
    assertThat(job.requeue(failedAt.plusSeconds(60))).isTrue();
    assertThat(job.state()).isEqualTo(JobState.QUEUED);
    assertThat(job.attempt()).isEqualTo(2);
    assertThat(states(job)).last().isEqualTo(JobState.QUEUED);
  }

  @Test
  void aProgressReportOfAnEarlierAttemptIsIgnored() {
    Job job = started(TWO_RETRIES);
    job.fail(-1, "download failed", T0.plusSeconds(1), TWO_RETRIES, T0.plusSeconds(1));
    Instant retry = T0.plusSeconds(61);
    job.requeue(retry);
    job.start(PKG, Set.of("1.0")::contains, TWO_RETRIES, true, retry);

    assertThat(job.progress(80, T0.plusSeconds(30), retry.plusSeconds(1))).isNull();
    assertThat(job.fail(-2, "old", T0.plusSeconds(30), TWO_RETRIES, retry.plusSeconds(1))).isNull();
    assertThat(job.state()).isEqualTo(JobState.NOTIFIED);
  }

  @Test
  void aJobTimesOutOnlyOnceItsDeadlinePassed() {
    Job job = started(NO_RETRY);

    assertThat(job.timeOut(NO_RETRY, T0.plus(Duration.ofMinutes(9)))).isNull();
    assertThat(job.timeOut(NO_RETRY, T0.plus(Duration.ofMinutes(10))))
        .isEqualTo(JobState.TIMED_OUT);
    assertThat(job.isOpen()).isFalse();
  }

  @Test
  void theLastAttemptEndsTheJob() {
    RetryPolicy oneRetry = new RetryPolicy(1, Duration.ofMinutes(1), Duration.ofMinutes(10));
    Job job = started(oneRetry);
    job.fail(-4, null, T0.plusSeconds(1), oneRetry, T0.plusSeconds(1));
    job.requeue(T0.plusSeconds(61));
    job.start(PKG, Set.of("1.0")::contains, oneRetry, true, T0.plusSeconds(61));
    job.fail(-4, null, T0.plusSeconds(62), oneRetry, T0.plusSeconds(62));

    assertThat(job.attempt()).isEqualTo(2);
    assertThat(job.retryPending()).isFalse();
    assertThat(job.isOpen()).isFalse();
  }

  @Test
  void cancelingATaskTheDeviceWasSentTellsTheDevice() {
    Job job = started(NO_RETRY);

    assertThat(job.cancel("operator", T0.plusSeconds(1))).isEqualTo(JobState.CANCELED);
    assertThat(job.events()).anyMatch(e -> e.type().equals(CancelCommand.TYPE));
    assertThat(job.cancel("again", T0.plusSeconds(2))).isNull();
  }

  @Test
  void cancelingAQueuedJobSendsNothingToTheDevice() {
    Job job = queued("1.0");

    assertThat(job.cancel("operator", T0)).isEqualTo(JobState.CANCELED);
    assertThat(job.events()).noneMatch(e -> e.type().equals(CancelCommand.TYPE));
  }

  @Test
  void cancelingAJobWaitingForItsRetryDropsTheRetry() {
    Job job = started(TWO_RETRIES);
    job.fail(-1, null, T0.plusSeconds(1), TWO_RETRIES, T0.plusSeconds(1));

    job.cancel("operator", T0.plusSeconds(2));

    assertThat(job.isOpen()).isFalse();
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.requeue(T0.plusSeconds(120))).isFalse();
  }
}
