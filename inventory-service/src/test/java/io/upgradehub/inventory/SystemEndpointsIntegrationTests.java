package io.upgradehub.inventory;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SystemEndpointsIntegrationTests extends InventoryServiceIntegrationTest {

  @Test
  void servesItsOpenApiDocumentWithARelativeServerAndTheInventoryPaths() throws Exception {
    HttpResponse<String> response = get("/v3/api-docs");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode document = body(response);
    assertThat(document.path("servers").get(0).path("url").asString()).isEqualTo("/");
    assertThat(document.path("paths").propertyNames())
        .contains(
            "/api/v1/products",
            "/api/v1/products/{productKey}",
            "/api/v1/products/{productKey}/devices",
            "/api/v1/products/{productKey}/devices/{deviceName}");
    assertThat(document.path("paths").propertyNames())
        .as("the gateway publishes the document and routes no internal path")
        .noneMatch(path -> path.startsWith("/internal/"));
  }

  @Test
  void answersHealthProbesAndPrometheusMetrics() throws Exception {
    assertThat(body(get("/actuator/health/liveness")).path("status").asString()).isEqualTo("UP");
    assertThat(body(get("/actuator/health/readiness")).path("status").asString()).isEqualTo("UP");
    HttpResponse<String> metrics = get("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("application=\"inventory-service\"");
  }

  @Test
  void answersAnUnknownPathWithANotFoundProblem() throws Exception {
    assertProblem(get("/api/v1/nothing-here"), 404, "NOT_FOUND");
  }
}
