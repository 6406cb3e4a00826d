package io.upgradehub.adapter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.devices.DeviceConnected;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceProgressReported;
import io.upgradehub.events.devices.DeviceUpgradeRequested;
import io.upgradehub.events.devices.DeviceVersionReported;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceMessageReaderTests {

  private static final Instant RECEIVED = Instant.parse("2026-11-26T10:00:00Z");
  private static final long NOW = RECEIVED.toEpochMilli();
  private static final DeviceKey DEVICE = new DeviceKey("camera", "cam-0001");
  private static final String BASE = "ota/v1/camera/cam-0001/";

  private final DeviceMessageReader reader = new DeviceMessageReader();

  @Test
  void readsAnInformWithTheDefaultModuleAndADeterministicEventId() {
    Ingested.Accepted accepted =
        accept("inform", "{\"id\":\"b17-2\",\"timestamp\":" + NOW + ",\"version\":\"1.4.2\"}");

    assertThat(accepted.device()).isEqualTo(DEVICE);
    assertThat(accepted.timestampSubstituted()).isFalse();
    assertThat(accepted.events()).hasSize(1);
    EventEnvelope<?> event = accepted.events().get(0);
    assertThat(event.id())
        .isEqualTo(DEVICE.eventId(DeviceVersionReported.TYPE, "b17-2").toString());
    assertThat(event.type()).isEqualTo(DeviceVersionReported.TYPE);
    assertThat(event.source()).isEqualTo("device-adapter");
    assertThat(event.subject()).isEqualTo("camera/cam-0001");
    assertThat(event.time()).isEqualTo(RECEIVED);
    assertThat(event.data())
        .isEqualTo(
            new DeviceVersionReported(
                "camera", "cam-0001", "default", "1.4.2", "b17-2", RECEIVED, RECEIVED));
  }

  @Test
  void readsARequestAsAVersionReportThenAnUpgradeRequest() {
    Ingested.Accepted accepted =
        accept(
            "request",
            "{\"id\":\"r\",\"timestamp\":" + NOW + ",\"module\":\"mcu\",\"version\":\"0.9.1\"}");

    assertThat(accepted.events())
        .extracting(EventEnvelope::type)
        .containsExactly(DeviceVersionReported.TYPE, DeviceUpgradeRequested.TYPE);
    assertThat(accepted.events().get(1).data())
        .isEqualTo(
            new DeviceUpgradeRequested(
                "camera", "cam-0001", "mcu", "0.9.1", "MQTT", "r", RECEIVED, RECEIVED));
  }

  @Test
  void readsProgressAsAStepOrAFailureCodeAndCutsALongDescription() {
    Ingested.Accepted step =
        accept(
            "progress", "{\"id\":\"p\",\"timestamp\":" + NOW + ",\"jobId\":\"j:1\",\"step\":35}");
    String longText = "é".repeat(300);
    Ingested.Accepted failure =
        accept(
            "progress",
            "{\"id\":\"q\",\"timestamp\":"
                + NOW
                + ",\"jobId\":\"j:1\",\"step\":-4,\"desc\":\""
                + longText
                + "\"}");

    DeviceProgressReported progress = (DeviceProgressReported) step.events().get(0).data();
    assertThat(progress.step()).isEqualTo(35);
    assertThat(progress.failureCode()).isNull();
    DeviceProgressReported failed = (DeviceProgressReported) failure.events().get(0).data();
    assertThat(failed.step()).isNull();
    assertThat(failed.failureCode()).isEqualTo(-4);
    assertThat(failed.description()).isEqualTo("é".repeat(256));
  }

  @Test
  void replacesATimestampOutsideTheWindowByTheTimeOfReception() {
    long ahead = RECEIVED.plus(Duration.ofMinutes(11)).toEpochMilli();
    Ingested.Accepted future =
        accept("status", "{\"id\":\"s\",\"timestamp\":" + ahead + ",\"online\":true}");
    Ingested.Accepted past = accept("status", "{\"id\":\"s\",\"timestamp\":0,\"online\":true}");
    Ingested.Accepted fine =
        accept("status", "{\"id\":\"s\",\"timestamp\":" + (NOW - 5000) + ",\"online\":true}");

    assertThat(future.timestampSubstituted()).isTrue();
    assertThat(((DeviceConnected) future.events().get(0).data()).reportedAt()).isEqualTo(RECEIVED);
    assertThat(past.timestampSubstituted()).isTrue();
    assertThat(fine.timestampSubstituted()).isFalse();
    assertThat(((DeviceConnected) fine.events().get(0).data()).reportedAt())
        .isEqualTo(RECEIVED.minusSeconds(5));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          INVALID_JSON      | inform   | {"id":"x","timestamp":1,"version":"1"} trailing
          INVALID_JSON      | inform   | "just a string"
          INVALID_JSON      | inform   | ''
          MISSING_FIELD     | inform   | {"timestamp":1,"version":"1"}
          MISSING_FIELD     | inform   | {"id":"x","version":"1"}
          MISSING_FIELD     | progress | {"id":"x","timestamp":1,"jobId":"j"}
          INVALID_FIELD     | inform   | {"id":"x","timestamp":1,"version":"1 0"}
          INVALID_FIELD     | inform   | {"id":"has space","timestamp":1,"version":"1"}
          INVALID_FIELD     | inform   | {"id":"x","timestamp":1,"version":"1","module":"with.dot"}
          INVALID_FIELD     | status   | {"id":"x","timestamp":1,"online":"true"}
          INVALID_FIELD     | progress | {"id":"x","timestamp":1,"jobId":"j","step":-5}
          INVALID_FIELD     | progress | {"id":"x","timestamp":1,"jobId":"j","step":101}
          INVALID_FIELD     | progress | {"id":"x","timestamp":1,"jobId":"j","step":1,"desc":7}
          INVALID_FIELD     | inform   | {"id":"x","timestamp":1e40,"version":"1"}
          IDENTITY_MISMATCH | inform   | {"id":"x","timestamp":1,"version":"1","productKey":"other"}
          IDENTITY_MISMATCH | inform   | {"id":"x","timestamp":1,"version":"1","deviceName":5}
          """)
  void rejectsAMalformedPayloadWithItsReason(RejectReason reason, String message, String payload) {
    Ingested ingested =
        reader.read(BASE + message, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);

    assertThat(ingested).isInstanceOf(Ingested.Rejected.class);
    Ingested.Rejected rejected = (Ingested.Rejected) ingested;
    assertThat(rejected.reason()).isEqualTo(reason);
    assertThat(rejected.message()).isEqualTo(message);
    assertThat(rejected.identity()).isEqualTo("camera/cam-0001");
  }

  @ParameterizedTest
  @CsvSource({
    "ota/v1/bad.key/cam/inform, inform",
    "ota/v1/camera/.cam/inform, inform",
    "ota/v2/camera/cam/inform, inform",
    "ota/v1/camera/cam/upgrade, unknown",
    "ota/v1/camera/cam/x/inform, inform"
  })
  void rejectsAnInvalidTopic(String topic, String message) {
    Ingested ingested = reader.read(topic, "{}".getBytes(StandardCharsets.UTF_8), RECEIVED);

    assertThat(ingested)
        .isEqualTo(
            new Ingested.Rejected(message, topic, RejectReason.INVALID_TOPIC, "topic " + topic));
  }

  @Test
  void rejectsAPayloadOverSixteenKibibytesButAcceptsOneAtTheLimit() {
    String head = "{\"id\":\"x\",\"timestamp\":" + NOW + ",\"version\":\"1\",\"pad\":\"";
    String atLimit = head + "p".repeat(DeviceMessageReader.MAX_PAYLOAD_BYTES - head.length() - 2);
    atLimit += "\"}";

    assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(16_384);
    assertThat(reader.read(BASE + "inform", atLimit.getBytes(StandardCharsets.UTF_8), RECEIVED))
        .isInstanceOf(Ingested.Accepted.class);
    assertThat(
            reader.read(
                BASE + "inform", (atLimit + " ").getBytes(StandardCharsets.UTF_8), RECEIVED))
        .extracting(ingested -> ((Ingested.Rejected) ingested).reason())
        .isEqualTo(RejectReason.TOO_LARGE);
  }

  @Test
  void acceptsMatchingIdentityAndUnknownFields() {
    Ingested.Accepted accepted =
        accept(
            "inform",
            "{\"id\":\"x\",\"timestamp\":"
                + NOW
                + ",\"version\":\"1\",\"productKey\":\"camera\",\"deviceName\":\"cam-0001\","
                + "\"future\":{\"a\":1}}");

    assertThat(accepted.events()).hasSize(1);
  }

  private Ingested.Accepted accept(String message, String payload) {
    Ingested ingested =
        reader.read(BASE + message, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
    assertThat(ingested).isInstanceOf(Ingested.Accepted.class);
    return (Ingested.Accepted) ingested;
  }
}
