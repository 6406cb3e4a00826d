package io.upgradehub.notification.address;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.notification.NotificationServiceIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard on creation: internal addresses are refused with a clear problem, none stored. */
class AddressGuardIntegrationTests extends NotificationServiceIntegrationTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://127.0.0.1:8084/api/v1/notifications",
        "http://10.0.0.1/hook",
        "http://172.16.5.4/hook",
        "http://192.168.1.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://localhost:8080/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://0.0.0.0/hook",
        "http://2130706433/hook"
      })
  void refusesInternalAddresses(String url) throws Exception {
    long before = body(get("/api/v1/notifications?size=1")).path("total").asLong();

    HttpResponse<String> refused = post("/api/v1/notifications", "{\"url\":\"" + url + "\"}");

    assertThat(fieldErrors(assertProblem(refused, 422, "ADDRESS_NOT_ALLOWED")))
        .containsEntry("url", "ADDRESS_NOT_ALLOWED");
    assertThat(body(refused).path("errors").get(0).path("message").asString())
        .contains("internal address");
    assertThat(body(get("/api/v1/notifications?size=1")).path("total").asLong()).isEqualTo(before);
  }
}
