package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * notification-service as the platform runs it: its own Boot jar as a child JVM, ready, and reached
 * through the real gateway's routes. What its API does is tested where that API is built.
 */
class NotificationServiceWiringIntegrationTests {

  @Test
  void runsNotificationServiceAndServesItsApiDocumentThroughTheGateway() {
    Platform platform = E2ePlatform.platform();

    HttpResponse<String> docs = E2ePlatform.api().get("/v3/api-docs/notification-service", null);

    assertThat(platform.isStarted(Component.NOTIFICATION_SERVICE)).isTrue();
    assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
    assertThat(Api.json(docs).path("openapi").asString()).startsWith("3.");
  }
}
