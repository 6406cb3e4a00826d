package io.upgradehub.notification.association;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.notification.NotificationServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Associating packages of a product with a notification, and the associated-upgrade list. */
class AssociationIntegrationTests extends NotificationServiceIntegrationTest {

  private String notification;
  private String camera;
  private String cameraFirmware;
  private String cameraMcu;
  private String lock;
  private String lockFirmware;

  @BeforeEach
  void packages() throws Exception {
    notification =
        createNotification("{\"url\":\"https://93.184.215.14/hook\"}").path("id").asString();
    camera = unique("cam");
    lock = unique("lock");
    cameraFirmware = knownPackage(camera, "Camera firmware 2.0");
    cameraMcu = knownPackage(camera, "Camera MCU 1.1");
    lockFirmware = knownPackage(lock, "Lock firmware 3.0");
  }

  @Test
  void associatesPackagesOfAProductAndListsThemWithTheirFacts() throws Exception {
    HttpResponse<String> associated = associate(camera, cameraFirmware, cameraMcu);
    assertThat(associated.statusCode()).as(associated.body()).isEqualTo(200);
    assertThat(associate(lock, lockFirmware).statusCode()).isEqualTo(200);

    JsonNode all = list("");
    assertThat(all.path("total").asInt()).isEqualTo(3);
    JsonNode first = find(all, cameraFirmware);
    assertThat(first.path("packageName").asString()).isEqualTo("Camera firmware 2.0");
    assertThat(first.path("packageType").asString()).isEqualTo("FULL");
    assertThat(first.path("targetVersion").asString()).isEqualTo("2.0.0");
    assertThat(first.path("productKey").asString()).isEqualTo(camera);
    assertThat(first.path("module").asString()).isEqualTo("default");
    assertThat(first.path("status").asString()).isEqualTo("UNVERIFIED");
    assertThat(first.path("enabled").asBoolean()).isTrue();

    assertThat(ids(list("&productKey=" + lock))).containsExactly(lockFirmware);
    assertThat(ids(list("&packageName=mcu"))).containsExactly(cameraMcu);
    assertThat(ids(list("&packageName=FIRMWARE&productKey=" + camera)))
        .containsExactly(cameraFirmware);
  }

  @Test
  void associatingAgainChangesNothing() throws Exception {
    associate(camera, cameraFirmware);
    associate(camera, cameraFirmware, cameraFirmware);

    assertThat(ids(list(""))).containsExactly(cameraFirmware);
  }

  @Test
  void dissociatesAPackage() throws Exception {
    associate(camera, cameraFirmware, cameraMcu);

    assertThat(delete(path() + "/" + cameraMcu).statusCode()).isEqualTo(204);

    assertThat(ids(list(""))).containsExactly(cameraFirmware);
    assertProblem(delete(path() + "/" + cameraMcu), 404, "ASSOCIATION_NOT_FOUND");
  }

  @Test
  void refusesUnknownPackagesPackagesOfAnotherProductAndBadInputAndStoresNothing()
      throws Exception {
    JsonNode unknown =
        assertProblem(associate(camera, cameraFirmware, "no-such-package"), 422, "UNKNOWN_PACKAGE");
    assertThat(fieldErrors(unknown)).containsOnlyKeys("packageIds[1]");
    JsonNode foreign =
        assertProblem(
            associate(camera, cameraFirmware, lockFirmware), 422, "PACKAGE_OF_ANOTHER_PRODUCT");
    assertThat(fieldErrors(foreign)).containsOnlyKeys("packageIds[1]");
    assertThat(
            fieldErrors(
                assertProblem(post(path(), "{\"packageIds\":[]}"), 400, "VALIDATION_FAILED")))
        .containsOnlyKeys("productKey", "packageIds");
    assertProblem(
        post(
            "/api/v1/notifications/no-such-notification/associations",
            "{\"productKey\":\"%s\",\"packageIds\":[\"%s\"]}".formatted(camera, cameraFirmware)),
        404,
        "NOTIFICATION_NOT_FOUND");
    assertProblem(get(path() + "?size=101"), 400, "INVALID_PARAMETER");

    assertThat(list("").path("total").asInt()).isZero();
  }

  @Test
  void deletingTheNotificationDeletesItsAssociations() throws Exception {
    associate(camera, cameraFirmware);

    delete("/api/v1/notifications/" + notification);

    assertProblem(get(path()), 404, "NOTIFICATION_NOT_FOUND");
  }

  private HttpResponse<String> associate(String productKey, String... packageIds) throws Exception {
    return post(
        path(),
        "{\"productKey\":\"%s\",\"packageIds\":[%s]}"
            .formatted(
                productKey,
                String.join(
                    ",", List.of(packageIds).stream().map(id -> "\"" + id + "\"").toList())));
  }

  private JsonNode list(String query) throws Exception {
    HttpResponse<String> listed = get(path() + "?size=100" + query);
    assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
    return body(listed);
  }

  private String path() {
    return "/api/v1/notifications/" + notification + "/associations";
  }

  private static JsonNode find(JsonNode page, String packageId) {
    for (JsonNode item : page.path("items")) {
      if (item.path("packageId").asString().equals(packageId)) {
        return item;
      }
    }
    throw new AssertionError("no association of " + packageId + " in " + page);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("items").forEach(i -> ids.add(i.path("packageId").asString()));
    return ids;
  }
}
