package io.upgradehub.events.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JobEventsTests {

  private static final DeviceKey DEVICE = new DeviceKey("camera", "cam-0001");
  private static final Instant AT = Instant.parse("2026-11-26T10:00:00.123456789Z");

  // strict, so that a field the records cannot read back fails the round trip
  private final JsonMapper mapper =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Test
  void failedAttemptSurvivesRoundTripInEnvelope() {
    var data = changed(JobState.FAILED, 2, -3, "install failed", "1.0.0");

    var read = roundTrip(data);

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.type()).isEqualTo("job.state-changed");
    assertThat(read.source()).isEqualTo("campaign-service");
    assertThat(read.subject()).isEqualTo("camera/cam-0001");
    assertThat(read.data().at()).as("to the nanosecond").isEqualTo(AT);
  }

  @Test
  void stateWithoutOptionalFieldsSurvivesRoundTrip() {
    var data = changed(JobState.QUEUED, 1, null, null, null);

    var read = roundTrip(data);

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.data().fromVersion()).isNull();
    assertThat(read.data().failureCode()).isNull();
  }

  @Test
  void isWrittenWithTheFieldNamesTheDocsList() {
    JsonNode json =
        mapper.readTree(
            mapper.writeValueAsString(envelope(changed(JobState.TIMED_OUT, 1, null, "x", "1"))));

    assertThat(json.get("data").propertyNames())
        .containsExactlyInAnyOrder(
            "jobId",
            "batchId",
            "productKey",
            "deviceName",
            "packageId",
            "module",
            "fromVersion",
            "targetVersion",
            "state",
            "attempt",
            "failureCode",
            "description",
            "at");
    assertThat(json.get("data").get("state").asString()).isEqualTo("TIMED_OUT");
  }

  @Test
  void readerIgnoresFieldsAddedByNewerCampaigns() {
    String json =
        """
        {"jobId":"job-1","batchId":"b-1","productKey":"camera","deviceName":"cam-0001",
         "packageId":"p-1","module":"default","fromVersion":"1.0","targetVersion":"2.0",
         "state":"SUCCEEDED","attempt":3,"at":"2026-11-26T10:00:00Z","retryPolicy":{"count":3}}
        """;

    JobStateChanged read = mapper.readValue(json, JobStateChanged.class);

    assertThat(read.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(read.attempt()).isEqualTo(3);
    assertThat(read.description()).isNull();
  }

  @Test
  void onlyOutcomesAreFinal() {
    assertThat(JobState.values())
        .filteredOn(JobState::isFinal)
        .containsExactly(
            JobState.SUCCEEDED, JobState.FAILED, JobState.TIMED_OUT, JobState.CANCELED);
  }

  private JobStateChanged changed(
      JobState state, int attempt, Integer failureCode, String description, String fromVersion) {
    return new JobStateChanged(
        "job-1",
        "batch-1",
        DEVICE.productKey(),
        DEVICE.deviceName(),
        "9fd63083-6c1d-4d99-8916-f4040ed3d125",
        "default",
        fromVersion,
        "2.0.0",
        state,
        attempt,
        failureCode,
        description,
        AT);
  }

  private static EventEnvelope<JobStateChanged> envelope(JobStateChanged data) {
    return new EventEnvelope<>(
        "e1",
        JobStateChanged.TYPE,
        JobStateChanged.VERSION,
        JobTopics.SOURCE,
        data.at(),
        DEVICE.value(),
        data);
  }

  private EventEnvelope<JobStateChanged> roundTrip(JobStateChanged data) {
    EventEnvelope<JobStateChanged> read =
        mapper.readValue(
            mapper.writeValueAsString(envelope(data)),
            new TypeReference<EventEnvelope<JobStateChanged>>() {});
    assertThat(read.id()).isEqualTo("e1");
    assertThat(read.version()).isEqualTo(1);
    return read;
  }
}
