package io.upgradehub.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.gateway.EchoServer.Echo;
import io.upgradehub.gateway.FreshConnections;
import io.upgradehub.gateway.GatewayIntegrationTest;
import io.upgradehub.gateway.ProblemBody;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class ApiKeyAuthenticationIntegrationTests extends GatewayIntegrationTest {

  @Autowired MeterRegistry meters;

  @Test
  void answers401ProblemWithoutKey() {
    var result =
        client
            .get()
            .uri("/api/v1/packages")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader()
            .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
            .expectBody(ProblemBody.class)
            .returnResult();

    ProblemBody problem = result.getResponseBody();
    assertThat(problem.code()).isEqualTo("AUTHENTICATION_REQUIRED");
    assertThat(problem.status()).isEqualTo(401);
    assertThat(problem.title()).isEqualTo("Unauthorized");
    assertThat(problem.detail()).contains("Authorization: Bearer");
    assertThat(problem.instance()).isEqualTo("/api/v1/packages");
    assertThat(problem.requestId())
        .isNotBlank()
        .isEqualTo(result.getResponseHeaders().getFirst("X-Request-Id"));
  }

  @Test
  void answers401ForUnknownKeyInEitherHeader() {
    client
        .get()
        .uri("/api/v1/packages")
        .header(HttpHeaders.AUTHORIZATION, "Bearer uh_not-a-real-key")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("INVALID_API_KEY");
    client
        .get()
        .uri("/api/v1/packages")
        .header("X-API-Key", "wrong")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("INVALID_API_KEY");
  }

  @Test
  void answers401WhenBothHeadersCarryDifferentKeys() {
    client
        .get()
        .uri("/api/v1/packages")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
        .header("X-API-Key", VIEWER_KEY)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("INVALID_API_KEY");
  }

  @Test
  void refusesViewerWritesWith403AndDoesNotForwardThem() {
    String path = "/api/v1/packages/viewer-post-" + UUID.randomUUID();

    client
        .post()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + VIEWER_KEY)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("ACCESS_DENIED")
        .jsonPath("$.status")
        .isEqualTo(403);

    assertThat(ECHO.received(path)).isFalse();
  }

  @Test
  void letsViewerReadWithBearerOrHeaderKey() {
    Echo bearer =
        client
            .get()
            .uri("/api/v1/packages")
            .header(HttpHeaders.AUTHORIZATION, "bearer " + VIEWER_KEY)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();
    assertThat(bearer.header("X-UpgradeHub-Role")).containsExactly("viewer");

    // on the shared client on purpose: a HEAD answer once left its connection unusable for the
    // next request, which the gateway now prevents by closing the connection after a HEAD
    client
        .head()
        .uri("/api/v1/packages")
        .header("X-API-Key", VIEWER_KEY)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Connection", "close")
        .expectBody()
        .isEmpty();
  }

  @Test
  void letsOperatorWritePackagesButNotManageKeys() {
    Echo echo =
        client
            .post()
            .uri("/api/v1/packages")
            .header("X-API-Key", OPERATOR_KEY)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"fw\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();
    assertThat(echo.method()).isEqualTo("POST");
    assertThat(echo.header("X-UpgradeHub-Principal")).containsExactly("test-operator");

    client
        .get()
        .uri("/api/v1/api-keys")
        .header("X-API-Key", OPERATOR_KEY)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("ACCESS_DENIED")
        .jsonPath("$.detail")
        .isEqualTo("Only admin keys may manage API keys");
  }

  @Test
  void refusesKeyManagementHiddenBehindMatrixParameters() {
    client
        .get()
        .uri(raw("/api/v1;x=1/api-keys"))
        .header("X-API-Key", OPERATOR_KEY)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("ACCESS_DENIED");
  }

  @Test
  void refusesDotSegmentsUnderApiWith400() {
    String path = "/api/v1/packages/%2e%2e/api-keys";
    client
        .get()
        .uri(raw(path))
        .header("X-API-Key", OPERATOR_KEY)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("MALFORMED_REQUEST");
    assertThat(ECHO.received(path)).isFalse();
  }

  @Test
  void countsAuthenticationFailuresByReason() {
    double before = failures("authentication_required");

    client
        .get()
        .uri("/api/v1/packages")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("AUTHENTICATION_REQUIRED");

    assertThat(failures("authentication_required")).isEqualTo(before + 1);
    client
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            body ->
                assertThat(body)
                    .contains("upgradehub_gateway_auth_failures_total{reason=\"invalid_api_key\"}")
                    .contains("upgradehub_gateway_auth_failures_total{reason=\"access_denied\"}"));
  }

  /** A client of its own, with a shorter timeout, opening a connection per request. */
  private WebTestClient ownClient() {
    return WebTestClient.bindToServer(FreshConnections.connector())
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void servesHealthProbesInfoAndMetricsWithoutKey() {
    WebTestClient client = ownClient();
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");
    }
    client.get().uri("/actuator/info").exchange().expectStatus().isOk().expectBody().json("{}");
    client
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
  }

  @Test
  void servesOpenApiDocumentsAndSwaggerUiWithoutKey() {
    WebTestClient client = ownClient();
    client
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/api/v1/api-keys'].post")
        .exists()
        .jsonPath("$.components.securitySchemes.bearer.scheme")
        .isEqualTo("bearer");
    client
        .get()
        .uri("/v3/api-docs/swagger-config")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.urls[?(@.name == 'package-service')].url")
        .isEqualTo("/v3/api-docs/package-service")
        .jsonPath("$.urls[?(@.name == 'inventory-service')].url")
        .isEqualTo("/v3/api-docs/inventory-service")
        .jsonPath("$.urls[?(@.name == 'campaign-service')].url")
        .isEqualTo("/v3/api-docs/campaign-service")
        .jsonPath("$.urls[?(@.name == 'notification-service')].url")
        .isEqualTo("/v3/api-docs/notification-service")
        .jsonPath("$.urls[?(@.name == 'gateway')].url")
        .isEqualTo("/v3/api-docs");
    client
        .get()
        .uri("/swagger-ui.html")
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .value(HttpHeaders.LOCATION, location -> assertThat(location).contains("swagger-ui"))
        .expectBody()
        .isEmpty();
  }

  private double failures(String reason) {
    return meters
        .get(ApiKeyAuthenticationFilter.FAILURES_METRIC)
        .tag("reason", reason)
        .counter()
        .count();
  }
}
