package io.upgradehub.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.upgradehub.testsupport.WebhookSignatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A webhook receiver (WireMock) reached at 127.0.0.2, the address the tests' allow-list opens, and
 * the check a receiver makes of each message ({@link WebhookSignatures}).
 */
final class Receiver implements AutoCloseable {

  final WireMockServer server;

  Receiver() {
    server =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.2"));
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.2:" + server.port() + path;
  }

  /** Every request received, oldest first. */
  List<LoggedRequest> requests() {
    List<LoggedRequest> requests = new ArrayList<>();
    server.getAllServeEvents().forEach(e -> requests.add(e.getRequest()));
    Collections.reverse(requests);
    return requests;
  }

  /** The requests received at {@code path}, oldest first. */
  List<LoggedRequest> requests(String path) {
    return requests().stream().filter(r -> r.getUrl().equals(path)).toList();
  }

  /** Whether a request is a message signed with {@code token}, as a receiver would check it. */
  static boolean verifies(LoggedRequest request, String token) {
    return WebhookSignatures.verifies(
        request.getHeader("webhook-id"),
        request.getHeader("webhook-timestamp"),
        request.getHeader("webhook-signature"),
        request.getBodyAsString(),
        token);
  }

  static void assertVerifies(LoggedRequest request, String token) {
    assertThat(verifies(request, token)).as("signature of %s", request.getBodyAsString()).isTrue();
  }

  @Override
  public void close() {
    server.stop();
  }
}
