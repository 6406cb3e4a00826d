package io.upgradehub.gateway.apikey;

import io.upgradehub.gateway.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class MeIntegrationTests extends GatewayIntegrationTest {

  @Test
  void answersTheNameAndRoleOfTheCallersKeyForEveryRole() {
    String[][] cases = {
      {ADMIN_KEY, "test-admin", "admin"},
      {OPERATOR_KEY, "test-operator", "operator"},
      {VIEWER_KEY, "test-viewer", "viewer"}
    };
    for (String[] c : cases) {
      client
          .get()
          .uri("/api/v1/me")
          .header(HttpHeaders.AUTHORIZATION, "Bearer " + c[0])
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.name")
          .isEqualTo(c[1])
          .jsonPath("$.role")
          .isEqualTo(c[2]);
    }
  }

  @Test
  void ignoresPrincipalHeadersTheClientSends() {
    client
        .get()
        .uri("/api/v1/me")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + VIEWER_KEY)
        .header(ApiKeyPrincipal.NAME_HEADER, "someone-else")
        .header(ApiKeyPrincipal.ROLE_HEADER, "admin")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("test-viewer")
        .jsonPath("$.role")
        .isEqualTo("viewer");
  }

  @Test
  void refusesAnUnknownKey() {
    client
        .get()
        .uri("/api/v1/me")
        .header(HttpHeaders.AUTHORIZATION, "Bearer uh_unknown")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("INVALID_API_KEY");
  }
}
