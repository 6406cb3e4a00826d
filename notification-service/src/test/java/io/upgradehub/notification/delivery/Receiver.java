package io.upgradehub.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver (WireMock) reached at 127.0.0.2, the address the tests' allow-list opens, and
 * the check a receiver makes of each message, written from the Standard Webhooks specification
 * rather than from the service's code: the signed content is {@code id.timestamp.body}, the key the
 * base64 after {@code whsec_}, the header a space-separated list of {@code v1,<base64>}.
 */
final class Receiver implements AutoCloseable {

  private static final Duration TOLERANCE = Duration.ofMinutes(5);

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
  static boolean verifies(LoggedRequest request, String token) throws Exception {
    String id = request.getHeader("webhook-id");
    String timestamp = request.getHeader("webhook-timestamp");
    String signatures = request.getHeader("webhook-signature");
    if (id == null || timestamp == null || signatures == null) {
      return false;
    }
    long seconds = Long.parseLong(timestamp);
    if (Math.abs(Instant.now().getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] key = Base64.getDecoder().decode(token.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected =
        mac.doFinal(
            (id + "." + timestamp + "." + request.getBodyAsString())
                .getBytes(StandardCharsets.UTF_8));
    for (String signature : signatures.split(" ")) {
      String[] parts = signature.split(",", 2);
      if (parts.length == 2
          && parts[0].equals("v1")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
        return true;
      }
    }
    return false;
  }

  static void assertVerifies(LoggedRequest request, String token) throws Exception {
    assertThat(verifies(request, token)).as("signature of %s", request.getBodyAsString()).isTrue();
  }

  @Override
  public void close() {
    server.stop();
  }
}
