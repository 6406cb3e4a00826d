package io.upgradehub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.gateway.EchoServer;
import io.upgradehub.gateway.EchoServer.Echo;
import io.upgradehub.gateway.GatewayIntegrationTest;
import io.upgradehub.gateway.ProblemBody;
import java.util.Map;
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
  void routesCampaignPathsToCampaignServiceWithPathAndQueryIntact() {
    for (String path :
        new String[] {
          "/api/v1/packages/pkg-route-1/verification",
          "/api/v1/packages/pkg-route-1/verifications",
          "/api/v1/packages/pkg-route-1/verifications/v-1",
          "/api/v1/packages/pkg-route-1/batches",
          "/api/v1/packages/pkg-route-1/batches/b-1",
          "/api/v1/batches",
          "/api/v1/batches/b-route-1/jobs",
          "/api/v1/devices/cam-x1/cam-01.a_b/jobs",
          "/api/v1/transfers/t-1",
        }) {
      Echo echo =
          client
              .get()
              .uri(path + "?state=RUNNING&page=0")
              .header("X-API-Key", VIEWER_KEY)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Echo.class)
              .returnResult()
              .getResponseBody();

      assertThat(echo.path()).as(path).isEqualTo(path);
      assertThat(echo.query()).as(path).isEqualTo("state=RUNNING&page=0");
      assertThat(CAMPAIGN_ECHO.received(path)).as(path).isTrue();
      assertThat(ECHO.received(path)).as(path).isFalse();
      assertThat(INVENTORY_ECHO.received(path)).as(path).isFalse();
    }
  }

  @Test
  void routesNotificationPathsToNotificationServiceWithPathAndQueryIntact() {
    for (String path :
        new String[] {
          "/api/v1/notifications",
          "/api/v1/notifications/message-types",
          "/api/v1/notifications/n-route-1",
          "/api/v1/notifications/n-route-1/associations",
          "/api/v1/notifications/n-route-1/records",
          "/api/v1/notifications/n-route-1/records/r-1",
        }) {
      Echo echo =
          client
              .get()
              .uri(path + "?packageName=fw&page=0")
              .header("X-API-Key", VIEWER_KEY)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Echo.class)
              .returnResult()
              .getResponseBody();

      assertThat(echo.path()).as(path).isEqualTo(path);
      assertThat(echo.query()).as(path).isEqualTo("packageName=fw&page=0");
      assertThat(NOTIFICATION_ECHO.received(path)).as(path).isTrue();
      assertThat(ECHO.received(path)).as(path).isFalse();
      assertThat(CAMPAIGN_ECHO.received(path)).as(path).isFalse();
      assertThat(INVENTORY_ECHO.received(path)).as(path).isFalse();
    }
  }

  @Test
  void leavesAPackageAndItsFileToPackageServiceButItsBatchesToCampaignService() {
    for (String path :
        new String[] {"/api/v1/packages/pkg-split-1", "/api/v1/packages/pkg-split-1/file"}) {
      client.get().uri(path).header("X-API-Key", VIEWER_KEY).exchange().expectStatus().isOk();

      assertThat(ECHO.received(path)).as(path).isTrue();
      assertThat(CAMPAIGN_ECHO.received(path)).as(path).isFalse();
    }

    String batches = "/api/v1/packages/pkg-split-1/batches";
    client.get().uri(batches).header("X-API-Key", VIEWER_KEY).exchange().expectStatus().isOk();

    assertThat(CAMPAIGN_ECHO.received(batches)).isTrue();
    assertThat(ECHO.received(batches)).isFalse();
  }

  @Test
  void leavesOtherDevicePathsUnrouted() {
    // only a device's jobs belong to campaign-service; devices live under /api/v1/products
    client
        .get()
        .uri("/api/v1/devices/cam-x1/cam-01")
        .header("X-API-Key", ADMIN_KEY)
        .exchange()
        .expectStatus()
        .isNotFound();

    assertThat(CAMPAIGN_ECHO.received("/api/v1/devices/cam-x1/cam-01")).isFalse();
  }

  @Test
  void letsOperatorStartAndCancelBatchesAndRefusesViewerWrites() {
    String create = "/api/v1/packages/pkg-roles-1/batches";
    String cancel = "/api/v1/batches/b-roles-1/cancel";
    for (String path : new String[] {create, cancel}) {
      Echo echo =
          client
              .post()
              .uri(path)
              .header("X-API-Key", OPERATOR_KEY)
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue("{}")
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Echo.class)
              .returnResult()
              .getResponseBody();
      assertThat(echo.method()).isEqualTo("POST");
      assertThat(echo.header("X-UpgradeHub-Role")).containsExactly("operator");
    }

    String viewerCreate = "/api/v1/packages/pkg-roles-2/batches";
    String viewerVerify = "/api/v1/packages/pkg-roles-2/verifications";
    String viewerCancel = "/api/v1/batches/b-roles-2/cancel";
    for (String path : new String[] {viewerCreate, viewerVerify, viewerCancel}) {
      client
          .post()
          .uri(path)
          .header("X-API-Key", VIEWER_KEY)
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{}")
          .exchange()
          .expectStatus()
          .isForbidden()
          .expectBody()
          .jsonPath("$.code")
          .isEqualTo("ACCESS_DENIED");
      assertThat(CAMPAIGN_ECHO.received(path)).as(path).isFalse();
    }
  }

  @Test
  void streamsABulkDeviceImportToInventoryServiceWhole() {
    assertStreamedWhole(
        "/api/v1/products/cam-x1/devices/import",
        "/api/v1/products/cam-x1/devices/import",
        INVENTORY_ECHO,
        "deviceName,default\n" + "cam-000000,1.0.0\n".repeat(200_000));
  }

  @Test
  void streamsATransferIntakeToCampaignServiceWhole() {
    assertStreamedWhole(
        "/api/v1/transfers?productKey=cam-x1",
        "/api/v1/transfers",
        CAMPAIGN_ECHO,
        "deviceName\n" + "moved-000000\n".repeat(200_000));
  }

  /**
   * POSTs {@code csv} to {@code uri} and checks that {@code service} got all of it at {@code path}.
   */
  private void assertStreamedWhole(String uri, String path, EchoServer service, String csv) {
    byte[] rows = csv.getBytes(java.nio.charset.StandardCharsets.UTF_8);

    Echo echo =
        client
            .post()
            .uri(uri)
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
    assertThat(echo.path()).isEqualTo(path);
    assertThat(echo.bodyBytes()).isEqualTo(rows.length);
    assertThat(service.received(path)).isTrue();
  }

  @Test
  void proxiesEachServiceApiDocsToItsOwnDocument() {
    Map<String, EchoServer> services =
        Map.of(
            "inventory-service", INVENTORY_ECHO,
            "campaign-service", CAMPAIGN_ECHO,
            "notification-service", NOTIFICATION_ECHO);
    services.forEach(
        (service, echoServer) -> {
          Echo echo =
              client
                  .get()
                  .uri("/v3/api-docs/" + service)
                  .exchange()
                  .expectStatus()
                  .isOk()
                  .expectBody(Echo.class)
                  .returnResult()
                  .getResponseBody();

          assertThat(echo.path()).as(service).isEqualTo("/v3/api-docs");
          assertThat(echoServer.received("/v3/api-docs")).as(service).isTrue();
        });
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
