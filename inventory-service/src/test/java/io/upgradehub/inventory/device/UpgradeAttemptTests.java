package io.upgradehub.inventory.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradeAttemptTests {

  private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void orderKeysSortAsTimeThenJobThenAttemptThenOutcome() {
    List<UpgradeAttempt> ordered =
        List.of(
            attempt("job-9", 1, JobState.SUCCEEDED, AT.minusSeconds(86_400 * 400)),
            attempt("zz", 99, JobState.FAILED, AT),
            attempt("zz", 99, JobState.SUCCEEDED, AT.plusNanos(1)),
            attempt("job", 10, JobState.FAILED, AT.plusMillis(1)),
            attempt("job-1", 1, JobState.FAILED, AT.plusMillis(1)),
            attempt("job-1", 2, JobState.FAILED, AT.plusMillis(1)),
            attempt("job-1", 10, JobState.CANCELED, AT.plusMillis(1)),
            attempt("job-1", 10, JobState.TIMED_OUT, AT.plusMillis(1)),
            attempt("job.1", 1, JobState.FAILED, AT.plusMillis(1)));

    List<UpgradeAttempt> byKey = new ArrayList<>(ordered);
    byKey.sort(Comparator.comparing(UpgradeAttempt::orderKey));

    assertThat(byKey).containsExactlyElementsOf(ordered);
  }

  @Test
  void logIdIsTheSameForEveryDeliveryAndDiffersPerDeviceAttemptAndOutcome() {
    UpgradeAttempt failed = attempt("job-1", 2, JobState.FAILED, AT);

    assertThat(failed.logId()).isEqualTo("camera/cam-1/job-1/2/FAILED");
    assertThat(attempt("job-1", 2, JobState.FAILED, AT.plusSeconds(5)).logId())
        .isEqualTo(failed.logId());
    assertThat(attempt("job-1", 3, JobState.FAILED, AT).logId()).isNotEqualTo(failed.logId());
  }

  @Test
  void keepsTheFailureCodeOfAFailureOnlyAndReadsAnUnknownOneAsOther() {
    assertThat(UpgradeAttempt.of(event(JobState.FAILED, -3, null)).failureCode()).isEqualTo(-3);
    assertThat(UpgradeAttempt.of(event(JobState.FAILED, -17, null)).failureCode()).isEqualTo(-4);
    assertThat(UpgradeAttempt.of(event(JobState.FAILED, null, null)).failureCode()).isNull();
    assertThat(UpgradeAttempt.of(event(JobState.TIMED_OUT, -1, null)).failureCode()).isNull();
  }

  @Test
  void cutsALongDescriptionWithoutSplittingACharacter() {
    String emoji = "\uD83D\uDE80";
    String longText = "a".repeat(255) + emoji + "tail";

    String cut = UpgradeAttempt.of(event(JobState.FAILED, -4, longText)).description();

    assertThat(cut).isEqualTo("a".repeat(255));
    assertThat(UpgradeAttempt.of(event(JobState.FAILED, -4, "short")).description())
        .isEqualTo("short");
  }

  @Test
  void countsCanceledAsNeitherUpgradeNorFailure() {
    assertThat(attempt("j", 1, JobState.CANCELED, AT).isUpgrade()).isFalse();
    assertThat(attempt("j", 1, JobState.CANCELED, AT).isFailure()).isFalse();
    assertThat(attempt("j", 1, JobState.TIMED_OUT, AT).isFailure()).isTrue();
    assertThat(attempt("j", 1, JobState.SUCCEEDED, AT).isFailure()).isFalse();
    assertThat(attempt("j", 1, JobState.SUCCEEDED, AT).kind()).isEqualTo("UPGRADE_SUCCEEDED");
  }

  @Test
  void refusesAStateThatEndsNoAttempt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> attempt("j", 1, JobState.DOWNLOADING, AT));
  }

  private static UpgradeAttempt attempt(String jobId, int attempt, JobState outcome, Instant at) {
    return new UpgradeAttempt(
        new DeviceId("camera", "cam-1"),
        jobId,
        "b-1",
        "p-1",
        attempt,
        outcome,
        "default",
        "1.0",
        "2.0",
        null,
        null,
        at);
  }

  private static JobStateChanged event(JobState state, Integer failureCode, String description) {
    return new JobStateChanged(
        "job-1",
        "b-1",
        "camera",
        "cam-1",
        "p-1",
        "default",
        null,
        "2.0",
        state,
        1,
        failureCode,
        description,
        AT);
  }
}
