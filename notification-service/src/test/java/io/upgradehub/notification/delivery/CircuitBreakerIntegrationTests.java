package io.upgradehub.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.notification.NotificationServiceIntegrationTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A receiver that keeps failing opens its endpoint's circuit: its further messages wait without
 * being sent and without spending an attempt, while another receiver's messages go on.
 */
@TestPropertySource(
    properties = {
      "resilience4j.circuitbreaker.configs.webhook.minimum-number-of-calls=3",
      "resilience4j.circuitbreaker.configs.webhook.sliding-window-size=3",
      "resilience4j.circuitbreaker.configs.webhook.wait-duration-in-open-state=60s",
      "upgradehub.notifications.delivery.max-in-flight-per-endpoint=1"
    })
class CircuitBreakerIntegrationTests extends NotificationServiceIntegrationTest {

  @Test
  void aFailingReceiverOpensItsOwnCircuitOnly() throws Exception {
    try (Receiver failing = new Receiver();
        Receiver healthy = new Receiver()) {
      failing.server.stubFor(
          WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
      healthy.server.stubFor(
          WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
      String productKey = unique("cam");
      String packageId = knownPackage(productKey, "Camera firmware");
      String broken = subscribeTo(failing.url("/hook"), productKey, packageId);
      String working = subscribeTo(healthy.url("/hook"), productKey, packageId);

      for (int i = 0; i < 10; i++) {
        events().job(unique("b"), packageId, "dev-" + i, JobState.SUCCEEDED, 1, Instant.now());
      }

      await("every healthy delivery", () -> recordCount(working, "DELIVERED") == 10);
      await(
          "every failing record tried or held",
          () -> recordCount(broken, "PENDING") + recordCount(broken, "RETRYING") == 10);
      // three failures opened the circuit: the other records wait unsent, no attempt spent
      assertThat(failing.requests()).hasSizeLessThan(10);
      JsonNode held =
          body(get("/api/v1/notifications/" + broken + "/records?size=100&status=PENDING"));
      assertThat(held.path("total").asInt()).isGreaterThan(0);
      held.path("items").forEach(r -> assertThat(r.path("attempts").asInt()).isZero());
      // and stay so while it is open (60 s here), the sweep passing them by
      Thread.sleep(1500);
      assertThat(failing.requests()).hasSizeLessThan(10);
      assertThat(recordCount(broken, "PENDING")).isEqualTo(held.path("total").asInt());
    }
  }
}
