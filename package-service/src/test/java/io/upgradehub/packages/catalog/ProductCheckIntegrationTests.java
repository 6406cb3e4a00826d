package io.upgradehub.packages.catalog;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.testsupport.ProductEvents;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A package is accepted only for a product (and module) package-service learnt from
 * inventory-service's product topic; anything else is refused before a byte of the file is stored.
 */
class ProductCheckIntegrationTests extends PackageServiceIntegrationTest {

  private static final String WITH_MODULE =
      """
      {"name":"fw","type":"FULL","productKey":"%s","module":"%s","targetVersion":"%s"}
      """;

  @Test
  void rejectsPackageForUnknownProductBeforeStoringAnything() throws Exception {
    long documentsBefore = storedDocuments();
    int objectsBefore = storedObjects().size();
    double refusedBefore = uploads("UNKNOWN_PRODUCT");

    HttpResponse<String> response =
        uploadAsIs(metadata("fw", "never-" + UUID.randomUUID(), "1.0"), randomBytes(300_000, 1));

    JsonNode problem = assertProblem(response, 422, "UNKNOWN_PRODUCT");
    assertThat(fieldErrors(problem))
        .containsExactly(java.util.Map.entry("productKey", "UNKNOWN_PRODUCT"));
    assertThat(storedDocuments()).isEqualTo(documentsBefore);
    assertThat(storedObjects()).hasSize(objectsBefore);
    assertThat(uploads("UNKNOWN_PRODUCT")).isEqualTo(refusedBefore + 1);
  }

  @Test
  void rejectsPackageForModuleTheProductDoesNotHave() throws Exception {
    String product = "cam-" + UUID.randomUUID();
    knownProduct(product, "mcu");
    long documentsBefore = storedDocuments();
    int objectsBefore = storedObjects().size();

    HttpResponse<String> response =
        uploadAsIs(WITH_MODULE.formatted(product, "modem", "1.0"), randomBytes(1000, 2));

    JsonNode problem = assertProblem(response, 422, "UNKNOWN_MODULE");
    assertThat(fieldErrors(problem))
        .containsExactly(java.util.Map.entry("module", "UNKNOWN_MODULE"));
    assertThat(storedDocuments()).isEqualTo(documentsBefore);
    assertThat(storedObjects()).hasSize(objectsBefore);
  }

  @Test
  void acceptsPackagesForAProductOnceItsRegistrationArrivesThroughKafka() throws Exception {
    String product = "kafka-" + UUID.randomUUID();
    assertProblem(
        uploadAsIs(WITH_MODULE.formatted(product, "mcu", "1.0"), randomBytes(10, 3)),
        422,
        "UNKNOWN_PRODUCT");

    try (ProductEvents events =
        new ProductEvents(SharedInfrastructure.kafka().bootstrapServers())) {
      events.register(product, "mcu");
      // the same event again (at-least-once delivery) changes nothing
      events.register(product, "mcu");
    }

    HttpResponse<String> accepted =
        uploadWhenKnown(WITH_MODULE.formatted(product, "mcu", "1.0"), Duration.ofSeconds(30));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
    assertThat(
            uploadAsIs(WITH_MODULE.formatted(product, "default", "1.1"), randomBytes(10, 4))
                .statusCode())
        .isEqualTo(201);
    assertProblem(
        uploadAsIs(WITH_MODULE.formatted(product, "modem", "1.0"), randomBytes(10, 5)),
        422,
        "UNKNOWN_MODULE");
  }

  /** Uploads until the answer is other than {@code UNKNOWN_PRODUCT} or the time is up. */
  private HttpResponse<String> uploadWhenKnown(String metadata, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      HttpResponse<String> response = uploadAsIs(metadata, randomBytes(10, 6));
      boolean unknown =
          response.statusCode() == 422 && response.body().contains("\"UNKNOWN_PRODUCT\"");
      if (!unknown || System.nanoTime() > deadline) {
        return response;
      }
      Thread.sleep(100);
    }
  }
}
