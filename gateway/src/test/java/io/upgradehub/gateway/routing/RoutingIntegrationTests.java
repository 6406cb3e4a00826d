package io.upgradehub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.gateway.EchoServer.Echo;
import io.upgradehub.gateway.GatewayIntegrationTest;
import io.upgradehub.gateway.ProblemBody;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class RoutingIntegrationTests extends GatewayIntegrationTest {

  @Test
  void routesPackagePathsToPackageServiceWithPathAndQueryIntact() {
    Echo echo =
        client
            .get()
            .uri("/api/v1/packages/pkg-42/file?range=bytes&x=1")
            .header("X-API-Key", VIEWER_KEY)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();

    assertThat(echo.method()).isEqualTo("GET");
    assertThat(echo.path()).isEqualTo("/api/v1/packages/pkg-42/file");
    assertThat(echo.query()).isEqualTo("range=bytes&x=1");
  }

  @Test
  void routesProductAndDevicePathsToInventoryServiceWithPathAndQueryIntact() {
    for (String path :
        new String[] {
          "/api/v1/products", "/api/v1/products/cam-x1/devices/cam-01.a_b",
        }) {
      Echo echo =
          client
              .get()
              .uri(path + "?name=cam&page=1")
              .header("X-API-Key", VIEWER_KEY)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Echo.class)
              .returnResult()
              .getResponseBody();

      assertThat(echo.path()).isEqualTo(path);
      assertThat(echo.query()).isEqualTo("name=cam&page=1");
      assertThat(INVENTORY_ECHO.received(path)).isTrue();
      assertThat(ECHO.received(path)).isFalse();
    }
  }

  @Test
  void streamsABulkDeviceImportToInventoryServiceWhole() {
    byte[] rows =
        ("deviceName,default\n" + "cam-000000,1.0.0\n".repeat(200_000))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    Echo echo =
        client
            .post()
            .uri("/api/v1/products/cam-x1/devices/import")
            .header("X-API-Key", OPERATOR_KEY)
            .contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue(rows)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();

    assertThat(echo.method()).isEqualTo("POST");
    assertThat(echo.path()).isEqualTo("/api/v1/products/cam-x1/devices/import");
    assertThat(echo.bodyBytes()).isEqualTo(rows.length);
    assertThat(INVENTORY_ECHO.received("/api/v1/products/cam-x1/devices/import")).isTrue();
  }

  @Test
  void proxiesInventoryServiceApiDocsToItsOwnDocument() {
    Echo echo =
        client
            .get()
            .uri("/v3/api-docs/inventory-service")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();

    assertThat(echo.path()).isEqualTo("/v3/api-docs");
    assertThat(INVENTORY_ECHO.received("/v3/api-docs")).isTrue();
  }

  @Test
  void neverForwardsTheApiKeyAndReplacesSpoofedPrincipalHeaders() {
    Echo echo =
        client
            .get()
            .uri("/api/v1/packages")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + VIEWER_KEY)
            .header("X-API-Key", VIEWER_KEY)
            .header("X-UpgradeHub-Principal", "someone-else")
            .header("X-UpgradeHub-Role", "admin")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();

    assertThat(echo.header("Authorization")).isEmpty();
    assertThat(echo.header("X-API-Key")).isEmpty();
    assertThat(echo.header("X-UpgradeHub-Principal")).containsExactly("test-viewer");
    assertThat(echo.header("X-UpgradeHub-Role")).containsExactly("viewer");
  }

  @Test
  void proxiesPackageServiceApiDocsWithoutKeyAndStripsSpoofedHeaders() {
    Echo echo =
        client
            .get()
            .uri("/v3/api-docs/package-service")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
            .header("X-UpgradeHub-Principal", "someone-else")
            .header("X-UpgradeHub-Role", "admin")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();

    assertThat(echo.path()).isEqualTo("/v3/api-docs");
    assertThat(echo.header("Authorization")).isEmpty();
    assertThat(echo.header("X-UpgradeHub-Principal")).isEmpty();
    assertThat(echo.header("X-UpgradeHub-Role")).isEmpty();
  }

  @Test
  void answers404ProblemWhenNothingIsRouted() {
    client
        .get()
        .uri("/no-such-page")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("NOT_FOUND")
        .jsonPath("$.status")
        .isEqualTo(404);
    client
        .get()
        .uri("/api/v1/no-such-service")
        .header("X-API-Key", ADMIN_KEY)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void answers503ProblemWhenTheServiceCannotBeReached() {
    ProblemBody problem =
        client
            .get()
            .uri(UNREACHABLE_PATH + "/things")
            .header("X-API-Key", ADMIN_KEY)
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(ProblemBody.class)
            .returnResult()
            .getResponseBody();

    assertThat(problem.code()).isEqualTo("SERVICE_UNAVAILABLE");
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.requestId()).isNotBlank();
    // nothing about the connection, its address or exception classes reaches the client
    assertThat(problem.detail()).doesNotContain("127.0.0.1").doesNotContain("Exception");
  }
}
