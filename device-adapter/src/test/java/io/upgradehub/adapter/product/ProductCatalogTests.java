package io.upgradehub.adapter.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.adapter.ingest.DeviceMessageReader;
import io.upgradehub.adapter.ingest.Ingested;
import io.upgradehub.adapter.ingest.RejectReason;
import io.upgradehub.events.products.ProductRegistered;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProductCatalogTests {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private final ProductCatalog catalog = new ProductCatalog();
  private final DeviceMessageReader reader = new DeviceMessageReader(catalog);

  @Test
  void readerRefusesAMessageOfAProductTheCatalogDoesNotHave() {
    Ingested ingested =
        read("ota/v1/ghost/dev-1/status", "{\"id\":\"1\",\"timestamp\":1,\"online\":true}");

    assertThat(ingested)
        .isInstanceOfSatisfying(
            Ingested.Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_PRODUCT));
  }

  @Test
  void readerRefusesAModuleTheProductDoesNotHaveAndTakesTheOthers() {
    catalog.apply(new ProductRegistered("cam", "Camera", List.of("default", "mcu"), NOW));

    Ingested modem =
        read(
            "ota/v1/cam/dev-1/inform",
            "{\"id\":\"1\",\"timestamp\":1,\"module\":\"modem\",\"version\":\"1\"}");
    Ingested mcu =
        read(
            "ota/v1/cam/dev-1/request",
            "{\"id\":\"2\",\"timestamp\":1,\"module\":\"mcu\",\"version\":\"1\"}");
    Ingested firmware =
        read("ota/v1/cam/dev-1/inform", "{\"id\":\"3\",\"timestamp\":1,\"version\":\"1\"}");

    assertThat(modem)
        .isInstanceOfSatisfying(
            Ingested.Rejected.class,
            rejected -> assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_MODULE));
    assertThat(mcu).isInstanceOf(Ingested.Accepted.class);
    assertThat(firmware).isInstanceOf(Ingested.Accepted.class);
  }

  @Test
  void latestRegistrationOfAProductWins() {
    catalog.apply(new ProductRegistered("cam", "Camera", List.of("default"), NOW));
    catalog.apply(new ProductRegistered("cam", "Camera", List.of("default", "mcu"), NOW));

    assertThat(catalog.hasModule("cam", "mcu")).isTrue();
    assertThat(catalog.hasModule("cam", "modem")).isFalse();
    assertThat(catalog.hasProduct("other")).isFalse();
  }

  private Ingested read(String topic, String payload) {
    return reader.read(topic, payload.getBytes(StandardCharsets.UTF_8), NOW);
  }
}
