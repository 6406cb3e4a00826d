package io.upgradehub.events.devices;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.EventEnvelope;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DeviceEventsTests {

  private static final DeviceKey DEVICE = new DeviceKey("camera", "cam-0001");
  private static final Instant REPORTED = Instant.parse("2026-11-26T10:00:00.123Z");
  private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00.456Z");

  // strict, so that a field the records cannot read back fails the round trip
  private final JsonMapper mapper =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Test
  void deviceConnectedSurvivesRoundTripInEnvelope() {
    var data = new DeviceConnected("camera", "cam-0001", "m-1", REPORTED, RECEIVED);

    var read =
        roundTrip(
            envelope(DeviceConnected.TYPE, DeviceConnected.VERSION, data),
            new TypeReference<EventEnvelope<DeviceConnected>>() {});

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.type()).isEqualTo("device.connected");
  }

  @Test
  void deviceDisconnectedSurvivesRoundTripInEnvelope() {
    var data = new DeviceDisconnected("camera", "cam-0001", "will-1", REPORTED, RECEIVED);

    var read =
        roundTrip(
            envelope(DeviceDisconnected.TYPE, DeviceDisconnected.VERSION, data),
            new TypeReference<EventEnvelope<DeviceDisconnected>>() {});

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.type()).isEqualTo("device.disconnected");
  }

  @Test
  void deviceVersionReportedSurvivesRoundTripInEnvelope() {
    var data =
        new DeviceVersionReported(
            "camera", "cam-0001", "default", "2.0.0+build.7", "m-2", REPORTED, RECEIVED);

    var read =
        roundTrip(
            envelope(DeviceVersionReported.TYPE, DeviceVersionReported.VERSION, data),
            new TypeReference<EventEnvelope<DeviceVersionReported>>() {});

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.type()).isEqualTo("device.version-reported");
  }

  @Test
  void deviceProgressReportedSurvivesRoundTripWithStep() {
    var data =
        new DeviceProgressReported(
            "camera", "cam-0001", "job-1", 42, null, "downloading", "m-3", REPORTED, RECEIVED);

    var read =
        roundTrip(
            envelope(DeviceProgressReported.TYPE, DeviceProgressReported.VERSION, data),
            new TypeReference<EventEnvelope<DeviceProgressReported>>() {});

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.data().failureCode()).isNull();
  }

  @Test
  void deviceProgressReportedSurvivesRoundTripWithFailureCodeAndNoDescription() {
    var data =
        new DeviceProgressReported(
            "camera", "cam-0001", "job-1", null, -2, null, "m-4", REPORTED, RECEIVED);

    var read =
        roundTrip(
            envelope(DeviceProgressReported.TYPE, DeviceProgressReported.VERSION, data),
            new TypeReference<EventEnvelope<DeviceProgressReported>>() {});

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.data().step()).isNull();
    assertThat(read.data().failureCode()).isEqualTo(-2);
  }

  @Test
  void deviceUpgradeRequestedSurvivesRoundTripInEnvelope() {
    var data =
        new DeviceUpgradeRequested(
            "camera",
            "cam-0001",
            "mcu",
            "1.0.0",
            DeviceUpgradeRequested.CHANNEL_HTTP,
            "http-7",
            RECEIVED,
            RECEIVED);

    var read =
        roundTrip(
            envelope(DeviceUpgradeRequested.TYPE, DeviceUpgradeRequested.VERSION, data),
            new TypeReference<EventEnvelope<DeviceUpgradeRequested>>() {});

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.data().channel()).isEqualTo("HTTP");
  }

  @Test
  void upgradeCommandSurvivesRoundTripInEnvelope() {
    var data =
        new UpgradeCommand(
            "job-1",
            "camera",
            "cam-0001",
            "default",
            "9fd63083-6c1d-4d99-8916-f4040ed3d125",
            "FULL",
            "2.0.0",
            3_221_225_472L,
            "a".repeat(64),
            "b".repeat(32),
            "c".repeat(86) + "==",
            "Ed25519",
            REPORTED);

    var read =
        roundTrip(
            new EventEnvelope<>(
                "e1",
                UpgradeCommand.TYPE,
                UpgradeCommand.VERSION,
                DeviceTopics.COMMANDS_SOURCE,
                REPORTED,
                DEVICE.value(),
                data),
            new TypeReference<EventEnvelope<UpgradeCommand>>() {});

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.data().size()).isEqualTo(3_221_225_472L);
    assertThat(read.source()).isEqualTo("campaign-service");
  }

  @Test
  void cancelCommandSurvivesRoundTripInEnvelope() {
    var data = new CancelCommand("job-1", "camera", "cam-0001", "default", REPORTED);

    var read =
        roundTrip(
            new EventEnvelope<>(
                "e1",
                CancelCommand.TYPE,
                CancelCommand.VERSION,
                DeviceTopics.COMMANDS_SOURCE,
                REPORTED,
                DEVICE.value(),
                data),
            new TypeReference<EventEnvelope<CancelCommand>>() {});

    assertThat(read.data()).isEqualTo(data);
    assertThat(read.type()).isEqualTo("device.cancel-command");
  }

  @Test
  void reportsAreWrittenWithTheFieldNamesTheProtocolDocuments() {
    var data =
        new DeviceProgressReported(
            "camera", "cam-0001", "job-1", 7, null, "d", "m-5", REPORTED, RECEIVED);

    JsonNode json =
        mapper.readTree(
            mapper.writeValueAsString(
                envelope(DeviceProgressReported.TYPE, DeviceProgressReported.VERSION, data)));

    assertThat(json.get("subject").asString()).isEqualTo("camera/cam-0001");
    assertThat(json.get("source").asString()).isEqualTo("device-adapter");
    assertThat(json.get("data").propertyNames())
        .containsExactlyInAnyOrder(
            "productKey",
            "deviceName",
            "jobId",
            "step",
            "failureCode",
            "description",
            "messageId",
            "reportedAt",
            "receivedAt");
    assertThat(json.get("data").get("reportedAt").asString()).isEqualTo("2026-11-26T10:00:00.123Z");
  }

  @Test
  void readerIgnoresFieldsAddedByNewerAdapters() {
    String json =
        """
        {"id":"e1","type":"device.version-reported","version":1,"source":"device-adapter",
         "time":"2026-11-26T10:00:00Z","subject":"camera/cam-0001","addedLater":true,
         "data":{"productKey":"camera","deviceName":"cam-0001","module":"default",
                 "version":"2.0.0","messageId":"m-1","reportedAt":"2026-11-26T10:00:00Z",
                 "receivedAt":"2026-11-26T10:00:01Z","firmwareBuild":"b7",
                 "nested":{"anything":[1,2,3]}}}
        """;

    EventEnvelope<DeviceVersionReported> read =
        mapper.readValue(json, new TypeReference<EventEnvelope<DeviceVersionReported>>() {});

    assertThat(read.data().version()).isEqualTo("2.0.0");
    assertThat(read.data().receivedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:01Z"));
  }

  @Test
  void readerOfCommandsIgnoresFieldsAddedByNewerCampaigns() {
    String json =
        """
        {"jobId":"job-1","productKey":"camera","deviceName":"cam-0001","module":"mcu",
         "at":"2026-11-26T10:00:00Z","reason":"operator","batchId":"b-1"}
        """;

    CancelCommand read = mapper.readValue(json, CancelCommand.class);

    assertThat(read)
        .isEqualTo(
            new CancelCommand(
                "job-1", "camera", "cam-0001", "mcu", Instant.parse("2026-11-26T10:00:00Z")));
  }

  @Test
  void progressWithoutOptionalFieldsReadsThemAsNull() {
    String json =
        """
        {"productKey":"camera","deviceName":"cam-0001","jobId":"job-1","failureCode":-4,
         "messageId":"m-1","reportedAt":"2026-11-26T10:00:00Z","receivedAt":"2026-11-26T10:00:00Z"}
        """;

    DeviceProgressReported read = mapper.readValue(json, DeviceProgressReported.class);

    assertThat(read.step()).isNull();
    assertThat(read.description()).isNull();
    assertThat(read.failureCode()).isEqualTo(-4);
  }

  private <T> EventEnvelope<T> envelope(String type, int version, T data) {
    return new EventEnvelope<>(
        DEVICE.eventId(type, "m").toString(),
        type,
        version,
        DeviceTopics.REPORTS_SOURCE,
        RECEIVED,
        DEVICE.value(),
        data);
  }

  private <T> EventEnvelope<T> roundTrip(
      EventEnvelope<T> event, TypeReference<EventEnvelope<T>> type) {
    EventEnvelope<T> read = mapper.readValue(mapper.writeValueAsString(event), type);
    assertThat(read.id()).isEqualTo(event.id());
    assertThat(read.subject()).isEqualTo(event.subject());
    assertThat(read.version()).isEqualTo(1);
    return read;
  }
}
