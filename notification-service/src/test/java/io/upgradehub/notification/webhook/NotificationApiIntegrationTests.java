package io.upgradehub.notification.webhook;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.notification.NotificationServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Notifications over HTTP (spec §2.1): create, read, change, rotate, delete, and bad input. */
class NotificationApiIntegrationTests extends NotificationServiceIntegrationTest {

  private static final String PUBLIC_URL = "https://93.184.215.14/hooks/upgrades";

  @Test
  void generatesATokenOfAtLeast24BytesAndShowsItOnlyOnCreation() throws Exception {
    HttpResponse<String> created =
        post("/api/v1/notifications", "{\"name\":\"ops\",\"url\":\"" + PUBLIC_URL + "\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = body(created);
    String id = body.path("id").asString();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/notifications/" + id);
    String token = body.path("token").asString();
    assertThat(token).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(token.substring("whsec_".length())))
        .hasSizeGreaterThanOrEqualTo(24);
    assertThat(body.path("enabled").asBoolean()).isTrue();
    assertThat(body.path("messageTypes")).hasSize(MessageType.values().length);

    JsonNode read = body(get("/api/v1/notifications/" + id));
    assertThat(read.has("token")).isFalse();
    assertThat(read.path("tokenHint").asString())
        .startsWith("whsec_")
        .endsWith(token.substring(token.length() - 4))
        .hasSizeLessThan(16);
    assertThat(get("/api/v1/notifications?size=100").body()).doesNotContain(token);
  }

  @Test
  void keepsASuppliedTokenAndTheChosenMessageTypes() throws Exception {
    String token = "a-supplied-secret-of-at-least-32-characters";
    JsonNode created =
        createNotification(
            """
            {"url":"%s","token":"%s","messageTypes":["batch.finished","device.failed"]}
            """
                .formatted(PUBLIC_URL, token));

    assertThat(created.path("token").asString()).isEqualTo(token);
    assertThat(strings(created.path("messageTypes")))
        .containsExactly("batch.finished", "device.failed");
  }

  @Test
  void changesOnlyTheFieldsSentAndRotatesTheToken() throws Exception {
    JsonNode created = createNotification("{\"name\":\"before\",\"url\":\"" + PUBLIC_URL + "\"}");
    String id = created.path("id").asString();

    HttpResponse<String> changed =
        patch(
            "/api/v1/notifications/" + id,
            "{\"enabled\":false,\"messageTypes\":[\"batch.started\"]}");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(body(changed).path("name").asString()).isEqualTo("before");
    assertThat(body(changed).path("enabled").asBoolean()).isFalse();
    assertThat(strings(body(changed).path("messageTypes"))).containsExactly("batch.started");
    assertThat(body(changed).has("token")).isFalse();

    JsonNode rotated = body(post("/api/v1/notifications/" + id + "/token", ""));
    assertThat(rotated.path("token").asString())
        .startsWith("whsec_")
        .isNotEqualTo(created.path("token").asString());
  }

  @Test
  void deletesANotification() throws Exception {
    String id = createNotification("{\"url\":\"" + PUBLIC_URL + "\"}").path("id").asString();

    assertThat(delete("/api/v1/notifications/" + id).statusCode()).isEqualTo(204);

    assertProblem(get("/api/v1/notifications/" + id), 404, "NOTIFICATION_NOT_FOUND");
    assertProblem(delete("/api/v1/notifications/" + id), 404, "NOTIFICATION_NOT_FOUND");
  }

  @Test
  void listsEveryMessageTypeWithWhatItTells() throws Exception {
    JsonNode types = body(get("/api/v1/notifications/message-types"));

    List<String> names = new ArrayList<>();
    types.forEach(t -> names.add(t.path("type").asString()));
    assertThat(names)
        .contains(
            "batch.started",
            "batch.paused-by-abort-rule",
            "batch.finished",
            "batch.canceled",
            "device.succeeded",
            "device.failed");
    types.forEach(t -> assertThat(t.path("description").asString()).isNotBlank());
  }

  @Test
  void refusesBadInputAndStoresNothing() throws Exception {
    long before = total();

    String shortKey = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);
    assertThat(invalidFields("{}")).containsEntry("url", "REQUIRED");
    assertThat(invalidFields("{\"url\":\"ftp://93.184.215.14/x\"}"))
        .containsEntry("url", "UNSUPPORTED_SCHEME");
    assertThat(invalidFields("{\"url\":\"not a url\"}")).containsKey("url");
    assertThat(invalidFields("{\"url\":\"" + PUBLIC_URL + "\",\"token\":\"short\"}"))
        .containsEntry("token", "INVALID_TOKEN");
    assertThat(invalidFields("{\"url\":\"" + PUBLIC_URL + "\",\"token\":\"" + shortKey + "\"}"))
        .containsEntry("token", "INVALID_TOKEN");
    assertThat(
            invalidFields(
                "{\"url\":\""
                    + PUBLIC_URL
                    + "\",\"messageTypes\":[\"batch.finished\",\"device.exploded\"]}"))
        .containsEntry("messageTypes[1]", "UNKNOWN_MESSAGE_TYPE");
    assertProblem(post("/api/v1/notifications", "{\"url\":"), 400, "MALFORMED_REQUEST");
    assertProblem(
        post("/api/v1/notifications", "{\"url\":\"https://no-such-host.invalid/hook\"}"),
        422,
        "UNRESOLVABLE_HOST");
    assertProblem(get("/api/v1/notifications?size=0"), 400, "INVALID_PARAMETER");

    assertThat(total()).isEqualTo(before);
  }

  @Test
  void refusesABadChangeAndKeepsTheNotificationAsItWas() throws Exception {
    String id = createNotification("{\"url\":\"" + PUBLIC_URL + "\"}").path("id").asString();

    assertProblem(
        patch("/api/v1/notifications/" + id, "{\"url\":\"http://10.0.0.1/\"}"),
        422,
        "ADDRESS_NOT_ALLOWED");
    assertProblem(
        patch("/api/v1/notifications/" + id, "{\"messageTypes\":[]}"), 400, "VALIDATION_FAILED");

    JsonNode now = body(get("/api/v1/notifications/" + id));
    assertThat(now.path("url").asString()).isEqualTo(PUBLIC_URL);
    assertThat(now.path("messageTypes")).hasSize(MessageType.values().length);
  }

  /** The fields named by the 400 problem that creating a notification from {@code body} gets. */
  private Map<String, String> invalidFields(String body) throws Exception {
    return fieldErrors(
        assertProblem(post("/api/v1/notifications", body), 400, "VALIDATION_FAILED"));
  }

  private long total() throws Exception {
    return body(get("/api/v1/notifications?size=1")).path("total").asLong();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asString()));
    return values;
  }
}
