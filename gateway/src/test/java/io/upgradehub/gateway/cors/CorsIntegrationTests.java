package io.upgradehub.gateway.cors;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.gateway.GatewayIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class CorsIntegrationTests extends GatewayIntegrationTest {

  private static final String CONSOLE = "http://localhost:5173";

  @Test
  void answersPreflightFromAllowedOriginWithoutKeyAndWithoutForwarding() {
    String path = "/api/v1/packages/preflight-" + UUID.randomUUID();

    client
        .options()
        .uri(path)
        .header(HttpHeaders.ORIGIN, CONSOLE)
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,x-api-key,content-type")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CONSOLE)
        .expectHeader()
        .value(
            HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
            methods -> assertThat(methods).contains("PATCH", "DELETE"))
        .expectHeader()
        .value(
            HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
            headers -> assertThat(headers.toLowerCase()).contains("x-api-key", "authorization"))
        .expectBody()
        .isEmpty();

    assertThat(ECHO.received(path)).isFalse();
  }

  @Test
  void allowsEveryConfiguredOrigin() {
    client
        .options()
        .uri("/api/v1/api-keys")
        .header(HttpHeaders.ORIGIN, "https://console.example.com")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://console.example.com")
        .expectBody()
        .isEmpty();
  }

  @Test
  void refusesPreflightFromAnotherOriginWithProblem() {
    client
        .options()
        .uri("/api/v1/packages")
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("CORS_REJECTED");
  }

  @Test
  void exposesRequestIdAndLocationToTheConsole() {
    client
        .get()
        .uri("/api/v1/packages")
        .header(HttpHeaders.ORIGIN, CONSOLE)
        .header("X-API-Key", VIEWER_KEY)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CONSOLE)
        .expectHeader()
        .value(
            HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
            exposed -> assertThat(exposed).contains("X-Request-Id", "Location"))
        .expectBody()
        .jsonPath("$.method")
        .isEqualTo("GET");
  }

  @Test
  void letsTheConsoleReadA401() {
    client
        .get()
        .uri("/api/v1/packages")
        .header(HttpHeaders.ORIGIN, CONSOLE)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, CONSOLE)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("AUTHENTICATION_REQUIRED");
  }
}
