package io.upgradehub.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.upgradehub.notification.address.AddressGuard;
import io.upgradehub.notification.address.AddressGuardProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook client against a receiver on loopback: what the guard lets through and what not. */
class WebhookClientTests {

  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private WireMockServer server;
  private WebhookClient client;

  @BeforeEach
  void start() throws Exception {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    server.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
    client = new WebhookClient(guard("127.0.0.2"), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop();
  }

  @Test
  void refusesANameThatResolvesToLoopbackWhenItConnectsAndSendsNothing() throws Exception {
    WebhookClient.Result result = send("http://localhost:" + server.port() + "/hook");

    assertThat(result.refused()).isTrue();
    assertThat(result.error()).contains("refused when connecting").contains("127.0.0.1");
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void refusesALoopbackLiteralBeforeSending() throws Exception {
    WebhookClient.Result result = send("http://127.0.0.1:" + server.port() + "/hook");

    assertThat(result.refused()).isTrue();
    assertThat(server.getAllServeEvents()).isEmpty();
  }

  @Test
  void sendsToAnAllowedAddressWithTheSignatureHeaders() throws Exception {
    WebhookClient.Result result = send("http://127.0.0.2:" + server.port() + "/hook");

    assertThat(result.delivered()).isTrue();
    var request = server.getAllServeEvents().get(0).getRequest();
    assertThat(request.getHeader("webhook-id")).isEqualTo("msg_1");
    assertThat(request.getHeader("webhook-signature"))
        .isEqualTo(
            Signature.sign(
                KEY,
                "msg_1",
                Long.parseLong(request.getHeader("webhook-timestamp")),
                "{}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void followsARedirectToAnAllowedAddressWithTheSamePost() throws Exception {
    server.stubFor(
        post(urlEqualTo("/old"))
            .willReturn(aResponse().withStatus(308).withHeader("Location", "/hook")));

    WebhookClient.Result result = send("http://127.0.0.2:" + server.port() + "/old");

    assertThat(result.delivered()).isTrue();
    assertThat(server.getAllServeEvents()).hasSize(2);
  }

  @Test
  void givesUpAfterAnAnswerTakesLongerThanTheTimeout() throws Exception {
    server.stubFor(
        post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(4000)));

    WebhookClient.Result result = send("http://127.0.0.2:" + server.port() + "/slow");

    assertThat(result.delivered()).isFalse();
    assertThat(result.refused()).isFalse();
    assertThat(result.error()).isEqualTo("no answer within the request timeout");
  }

  private WebhookClient.Result send(String url) throws Exception {
    CompletableFuture<WebhookClient.Result> done = new CompletableFuture<>();
    client.send(
        url,
        KEY,
        "msg_1",
        "{}".getBytes(StandardCharsets.UTF_8),
        Instant.now().getEpochSecond(),
        done::complete);
    return done.get(10, TimeUnit.SECONDS);
  }

  private static AddressGuard guard(String... ranges) {
    return new AddressGuard(new AddressGuardProperties(List.of(ranges)));
  }
}
