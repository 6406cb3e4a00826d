package io.upgradehub.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemWebExceptionHandlerTests {

  private final JsonMapper json = JsonMapper.builder().build();
  private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(json);

  @Test
  void rendersAProblemExceptionWithItsCodeStatusAndFieldErrors() {
    MockServerWebExchange exchange = exchange("/api/v1/api-keys");

    handler
        .handle(
            exchange,
            new ProblemException(
                ErrorCode.VALIDATION_FAILED,
                "bad input",
                List.of(new FieldError("name", "is required"))))
        .block();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(exchange.getResponse().getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode body = body(exchange);
    assertThat(body.get("type").asString()).isEqualTo("about:blank");
    assertThat(body.get("title").asString()).isEqualTo("Bad Request");
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("detail").asString()).isEqualTo("bad input");
    assertThat(body.get("instance").asString()).isEqualTo("/api/v1/api-keys");
    assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
    assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("name");
  }

  @Test
  void asksForBearerCredentialsOn401() {
    MockServerWebExchange exchange = exchange("/api/v1/packages");

    handler.handle(exchange, new ProblemException(ErrorCode.INVALID_API_KEY, "no")).block();

    assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
        .isEqualTo("Bearer");
  }

  @Test
  void mapsAnUnreachableServiceTo503() {
    MockServerWebExchange exchange = exchange("/api/v1/packages");

    handler
        .handle(
            exchange,
            new IllegalStateException(
                "wrapped", new ConnectException("Connection refused: /127.0.0.1:1")))
        .block();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(body(exchange).get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
  }

  @Test
  void mapsAConnectionClosedByTheServiceTo502() {
    MockServerWebExchange exchange = exchange("/api/v1/packages");

    handler.handle(exchange, PrematureCloseException.TEST_EXCEPTION).block();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
    assertThat(body(exchange).get("code").asString()).isEqualTo("BAD_GATEWAY");
  }

  @Test
  void keepsFrameworkHeadersSuchAsAllowOn405() {
    MockServerWebExchange exchange = exchange("/api/v1/api-keys");

    handler
        .handle(exchange, new MethodNotAllowedException(HttpMethod.PUT, Set.of(HttpMethod.GET)))
        .block();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW)).isEqualTo("GET");
    assertThat(body(exchange).get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
  }

  @Test
  void hidesTheNatureOfUnexpectedErrors() {
    MockServerWebExchange exchange = exchange("/api/v1/api-keys");

    handler.handle(exchange, new NullPointerException("secret internals of SomeClass")).block();

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    String body = exchange.getResponse().getBodyAsString().block();
    assertThat(body)
        .contains("\"code\":\"INTERNAL_ERROR\"")
        .doesNotContain("secret")
        .doesNotContain("NullPointerException")
        .doesNotContain("SomeClass");
  }

  private static MockServerWebExchange exchange(String path) {
    return MockServerWebExchange.from(MockServerHttpRequest.get(path));
  }

  private JsonNode body(MockServerWebExchange exchange) {
    return json.readTree(exchange.getResponse().getBodyAsString().block());
  }
}
