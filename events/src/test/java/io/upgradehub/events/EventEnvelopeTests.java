package io.upgradehub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.upgradehub.events.packages.PackageDeleted;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class EventEnvelopeTests {

  private final JsonMapper strictMapper =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Test
  void readerIgnoresFieldsAddedByNewerProducers() {
    String json =
        """
        {"id":"e1","type":"package.deleted","version":1,"source":"package-service",
         "time":"2026-01-01T00:00:00Z","subject":"p1","traceparent":"x",
         "data":{"packageId":"p1","at":"2026-01-01T00:00:00Z","reason":"added later"}}
        """;

    EventEnvelope<PackageDeleted> event =
        strictMapper.readValue(json, new TypeReference<EventEnvelope<PackageDeleted>>() {});

    assertThat(event.data().packageId()).isEqualTo("p1");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void envelopeCarriesLogicalTypeNotClassName() {
    var event =
        new EventEnvelope<>(
            "e1",
            PackageDeleted.TYPE,
            PackageDeleted.VERSION,
            "package-service",
            Instant.EPOCH,
            "p1",
            new PackageDeleted("p1", Instant.EPOCH));

    String json = strictMapper.writeValueAsString(event);

    assertThat(json).contains("\"type\":\"package.deleted\"").doesNotContain("io.upgradehub");
  }

  @Test
  void rejectsVersionBelowOne() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new EventEnvelope<>("e1", "t", 0, "s", Instant.EPOCH, "p1", new Object()));
  }
}
