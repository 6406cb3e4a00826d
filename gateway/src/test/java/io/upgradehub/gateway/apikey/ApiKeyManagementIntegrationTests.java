package io.upgradehub.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoClient;
import io.upgradehub.gateway.EchoServer.Echo;
import io.upgradehub.gateway.GatewayIntegrationTest;
import io.upgradehub.gateway.ProblemBody;
import io.upgradehub.gateway.TestKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

class ApiKeyManagementIntegrationTests extends GatewayIntegrationTest {

  @Autowired MongoClient mongo;

  @Test
  void adminCreatesListsAndDeletesKeyWhichAuthenticatesUntilDeleted() {
    String name = uniqueName();

    var created =
        client
            .post()
            .uri("/api/v1/api-keys")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_KEY)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "role", "operator"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .location("/api/v1/api-keys/" + name)
            .expectHeader()
            .cacheControl(org.springframework.http.CacheControl.noStore())
            .expectBody(Created.class)
            .returnResult()
            .getResponseBody();

    assertThat(created.name()).isEqualTo(name);
    assertThat(created.role()).isEqualTo("operator");
    assertThat(created.key()).startsWith("uh_").hasSize(46).matches("uh_[A-Za-z0-9_-]{43}");
    assertThat(created.prefix()).isEqualTo(created.key().substring(0, 11));
    assertThat(created.createdAt()).isBeforeOrEqualTo(Instant.now());

    String listing =
        client
            .get()
            .uri("/api/v1/api-keys")
            .header("X-API-Key", ADMIN_KEY)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(listing)
        .contains("\"name\":\"" + name + "\"")
        .contains("\"prefix\":\"" + created.prefix() + "\"")
        .contains("\"createdBy\":\"test-admin\"")
        .doesNotContain(created.key())
        .doesNotContain(TestKeys.sha256Hex(created.key()))
        .doesNotContain(TestKeys.sha256Hex(ADMIN_KEY));
    client
        .get()
        .uri("/api/v1/api-keys")
        .header("X-API-Key", ADMIN_KEY)
        .exchange()
        .expectBody()
        .jsonPath("$.items[?(@.name == 'test-admin')].source")
        .isEqualTo("config")
        .jsonPath("$.items[?(@.name == '" + name + "')].source")
        .isEqualTo("api")
        .jsonPath("$.total")
        .value(total -> assertThat((Integer) total).isGreaterThanOrEqualTo(4));

    Echo echo =
        client
            .post()
            .uri("/api/v1/packages")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + created.key())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();
    assertThat(echo.header("X-UpgradeHub-Principal")).containsExactly(name);
    assertThat(echo.header("X-UpgradeHub-Role")).containsExactly("operator");

    client
        .delete()
        .uri("/api/v1/api-keys/{name}", name)
        .header("X-API-Key", ADMIN_KEY)
        .exchange()
        .expectStatus()
        .isNoContent()
        .expectBody()
        .isEmpty();

    client
        .get()
        .uri("/api/v1/packages")
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + created.key())
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("INVALID_API_KEY");
    client
        .get()
        .uri("/api/v1/api-keys/{name}", name)
        .header("X-API-Key", ADMIN_KEY)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("NOT_FOUND");
  }

  @Test
  void storesOnlyTheDigestOfACreatedKey() {
    String name = uniqueName();
    Created created = create(name, "viewer");

    Document stored =
        Mono.from(
                mongo
                    .getDatabase("gateway")
                    .getCollection("api_keys")
                    .find(Filters.eq("name", name))
                    .first())
            .block();

    assertThat(stored).isNotNull();
    assertThat(stored.getString("_id")).isEqualTo(TestKeys.sha256Hex(created.key()));
    assertThat(stored.toJson()).doesNotContain(created.key());
  }

  @Test
  void refusesDuplicateNameWith409() {
    String name = uniqueName();
    create(name, "viewer");

    client
        .post()
        .uri("/api/v1/api-keys")
        .header("X-API-Key", ADMIN_KEY)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", name, "role", "admin"))
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("API_KEY_NAME_TAKEN");
  }

  @Test
  void refusesNameOfConfiguredKeyWith409() {
    client
        .post()
        .uri("/api/v1/api-keys")
        .header("X-API-Key", ADMIN_KEY)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "test-viewer", "role", "viewer"))
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("API_KEY_NAME_TAKEN");
  }

  @Test
  void refusesInvalidNameWith400NamingTheFieldAndStoresNothing() {
    ProblemBody problem =
        client
            .post()
            .uri("/api/v1/api-keys")
            .header("X-API-Key", ADMIN_KEY)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "not ok!", "role", "viewer"))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(ProblemBody.class)
            .returnResult()
            .getResponseBody();

    assertThat(problem.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(problem.errors()).extracting(ProblemBody.Field::field).containsExactly("name");
    assertThat(listedNames()).doesNotContain("not ok!");
  }

  @Test
  void reportsEveryMissingOrInvalidField() {
    ProblemBody problem =
        client
            .post()
            .uri("/api/v1/api-keys")
            .header("X-API-Key", ADMIN_KEY)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "x".repeat(65), "role", "root"))
            .exchange()
            .expectStatus()
            .isBadRequest()
            .expectBody(ProblemBody.class)
            .returnResult()
            .getResponseBody();

    assertThat(problem.errors())
        .extracting(ProblemBody.Field::field, ProblemBody.Field::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("name", "must be at most 64 characters"),
            org.assertj.core.groups.Tuple.tuple("role", "must be one of admin, operator, viewer"));
  }

  @Test
  void refusesUnreadableJsonWith400() {
    client
        .post()
        .uri("/api/v1/api-keys")
        .header("X-API-Key", ADMIN_KEY)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("MALFORMED_REQUEST")
        .jsonPath("$.detail")
        .isEqualTo("The request could not be read");
  }

  @Test
  void refusesToDeleteConfiguredKeyWith409() {
    client
        .delete()
        .uri("/api/v1/api-keys/test-viewer")
        .header("X-API-Key", ADMIN_KEY)
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("API_KEY_MANAGED_BY_CONFIG");

    client
        .get()
        .uri("/api/v1/packages")
        .header("X-API-Key", VIEWER_KEY)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Echo.class)
        .value(
            echo ->
                assertThat(echo.header("X-UpgradeHub-Principal")).containsExactly("test-viewer"));
  }

  @Test
  void answers404WhenDeletingUnknownKey() {
    client
        .delete()
        .uri("/api/v1/api-keys/{name}", uniqueName())
        .header("X-API-Key", ADMIN_KEY)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("NOT_FOUND");
  }

  private Created create(String name, String role) {
    return client
        .post()
        .uri("/api/v1/api-keys")
        .header("X-API-Key", ADMIN_KEY)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", name, "role", role))
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(Created.class)
        .returnResult()
        .getResponseBody();
  }

  private List<String> listedNames() {
    return client
        .get()
        .uri("/api/v1/api-keys")
        .header("X-API-Key", ADMIN_KEY)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<Listing>() {})
        .returnResult()
        .getResponseBody()
        .items()
        .stream()
        .map(Listed::name)
        .toList();
  }

  private static String uniqueName() {
    return "key-" + UUID.randomUUID();
  }

  record Created(String name, String role, String prefix, Instant createdAt, String key) {}

  record Listed(String name, String role, String source, String prefix) {}

  record Listing(List<Listed> items, int total) {}
}
