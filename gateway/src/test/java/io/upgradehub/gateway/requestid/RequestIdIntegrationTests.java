package io.upgradehub.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.gateway.EchoServer.Echo;
import io.upgradehub.gateway.GatewayIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

class RequestIdIntegrationTests extends GatewayIntegrationTest {

  @Test
  void generatesAnIdAnswersItOnceAndForwardsIt() {
    EntityExchangeResult<Echo> result =
        client
            .get()
            .uri("/api/v1/packages")
            .header("X-API-Key", VIEWER_KEY)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Echo.class)
            .returnResult();

    // the service echoes the id too; the client must still see exactly one
    assertThat(result.getResponseHeaders().get(RequestId.HEADER)).hasSize(1);
    String id = result.getResponseHeaders().getFirst(RequestId.HEADER);
    assertThat(UUID.fromString(id)).isNotNull();
    assertThat(result.getResponseBody().header(RequestId.HEADER)).containsExactly(id);
  }

  @Test
  void keepsAWellFormedIncomingId() {
    String incoming = "console-1700000000.abc_DEF-42";

    Echo echo =
        client
            .get()
            .uri("/api/v1/packages")
            .header("X-API-Key", VIEWER_KEY)
            .header(RequestId.HEADER, incoming)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals(RequestId.HEADER, incoming)
            .expectBody(Echo.class)
            .returnResult()
            .getResponseBody();

    assertThat(echo.header(RequestId.HEADER)).containsExactly(incoming);
  }

  @Test
  void replacesAMalformedOrOverlongIncomingId() {
    for (String incoming : new String[] {"has spaces and <tags>", "a".repeat(129)}) {
      String answered =
          client
              .get()
              .uri("/actuator/health")
              .header(RequestId.HEADER, incoming)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(String.class)
              .returnResult()
              .getResponseHeaders()
              .getFirst(RequestId.HEADER);

      assertThat(answered).isNotEqualTo(incoming);
      assertThat(UUID.fromString(answered)).isNotNull();
    }
  }

  @Test
  void putsTheIdOnErrorsToo() {
    client
        .get()
        .uri("/api/v1/packages")
        .header(RequestId.HEADER, "trace-me")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals(RequestId.HEADER, "trace-me")
        .expectBody()
        .jsonPath("$.requestId")
        .isEqualTo("trace-me");
  }
}
