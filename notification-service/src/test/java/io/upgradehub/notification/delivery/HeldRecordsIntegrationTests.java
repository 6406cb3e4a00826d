package io.upgradehub.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.notification.NotificationServiceIntegrationTest;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Records held in the store, because their lane was full or their circuit open, are delivered once
 * the lane has room or the receiver is back: the sweep claims them for their notification.
 */
@TestPropertySource(
    properties = {
      "resilience4j.circuitbreaker.configs.webhook.minimum-number-of-calls=3",
      "resilience4j.circuitbreaker.configs.webhook.sliding-window-size=3",
      "resilience4j.circuitbreaker.configs.webhook.wait-duration-in-open-state=2s",
      "upgradehub.notifications.delivery.max-in-flight-per-endpoint=1",
      "upgradehub.notifications.delivery.queue-per-endpoint=2",
      "upgradehub.notifications.delivery.retry-schedule=0s,1s,1s,1s,1s,1s,1s,1s"
    })
class HeldRecordsIntegrationTests extends NotificationServiceIntegrationTest {

  @Test
  void recordsBeyondAFullLaneAreDeliveredAsItDrains() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.server.stubFor(
          WireMock.post(urlEqualTo("/hook"))
              .willReturn(aResponse().withStatus(204).withFixedDelay(50)));
      String productKey = unique("cam");
      String packageId = knownPackage(productKey, "Camera firmware");
      String notification = subscribeTo(receiver.url("/hook"), productKey, packageId);

      // one in flight and two queued at a time: most of the twenty wait in the store
      for (int i = 0; i < 20; i++) {
        events().job(unique("b"), packageId, "dev-" + i, JobState.SUCCEEDED, 1, Instant.now());
      }

      await("all twenty delivered", () -> recordCount(notification, "DELIVERED") == 20);
      assertThat(receiver.requests("/hook")).hasSize(20);
      assertThat(
              body(get("/api/v1/notifications/" + notification + "/records?size=100"))
                  .path("items")
                  .valueStream()
                  .map(r -> r.path("attempts").asInt()))
          .containsOnly(1);
    }
  }

  /**
   * Once the circuit is half open the sweep gives the idle lane a trial record, whose delivery
   * closes the circuit, and the records stored while it was open follow.
   */
  @Test
  void aReceiverThatComesBackGetsWhatWasHeldWhileItsCircuitWasOpen() throws Exception {
    try (Receiver receiver = new Receiver()) {
      receiver.server.stubFor(
          WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(500)));
      String productKey = unique("cam");
      String packageId = knownPackage(productKey, "Camera firmware");
      String notification = subscribeTo(receiver.url("/hook"), productKey, packageId);
      String batchId = unique("b");
      for (int i = 0; i < 3; i++) {
        events().job(batchId, packageId, "dev-" + i, JobState.SUCCEEDED, 1, Instant.now());
      }
      await("three failures", () -> recordCount(notification, "RETRYING") == 3);
      await("the circuit open", () -> circuit(notification).equals("open"));

      // stored while the circuit is open: left in the store, not in the lane
      for (int i = 3; i < 8; i++) {
        events().job(batchId, packageId, "dev-" + i, JobState.SUCCEEDED, 1, Instant.now());
      }
      await("five records held", () -> recordCount(notification, "PENDING") == 5);
      // the receiver is back: the stub added last answers
      receiver.server.stubFor(
          WireMock.post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));

      await("all eight delivered", () -> recordCount(notification, "DELIVERED") == 8);
      assertThat(circuit(notification)).isEqualTo("closed");
      JsonNode delivered =
          body(
              get(
                  "/api/v1/notifications/"
                      + notification
                      + "/records?size=100&status=DELIVERED&batchId="
                      + batchId));
      // the held ones spent no attempt while the circuit was open
      assertThat(delivered.path("items").valueStream().filter(r -> r.path("attempts").asInt() == 1))
          .hasSizeGreaterThanOrEqualTo(5);
    }
  }

  /** The state the notification's circuit breaker reports in the metrics. */
  private String circuit(String notification) throws Exception {
    String metrics = get("/actuator/prometheus").body();
    for (String state : new String[] {"closed", "open", "half_open"}) {
      String reported =
          "resilience4j_circuitbreaker_state\\{[^}]*name=\""
              + notification
              + "\",state=\""
              + state
              + "\"\\} 1";
      if (Pattern.compile(reported).matcher(metrics).find()) {
        return state;
      }
    }
    return "unknown";
  }
}
