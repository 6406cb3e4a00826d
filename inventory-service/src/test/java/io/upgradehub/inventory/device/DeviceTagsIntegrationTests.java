package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.eq;
import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Device tags over HTTP: set at registration and by import, replaced by PATCH, checked. */
class DeviceTagsIntegrationTests extends InventoryServiceIntegrationTest {

  private String product;

  @BeforeEach
  void createProduct() throws Exception {
    product = uniqueKey("tags");
    createProduct(product, "Tag test product", "mcu");
  }

  private String devices() {
    return "/api/v1/products/" + product + "/devices";
  }

  private HttpResponse<String> patch(String path, String contentType, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<String> tags(JsonNode device) {
    return device.path("tags").values().stream().map(JsonNode::asString).toList();
  }

  private List<String> storedTags(String deviceName) {
    Document stored = deviceCollection.find(eq("_id", product + "/" + deviceName)).first();
    assertThat(stored).as(deviceName + " is stored").isNotNull();
    return stored.getList("tags", String.class, List.of());
  }

  @Test
  void registrationStoresTheTagsSortedAndTheDeviceShowsThem() throws Exception {
    HttpResponse<String> created =
        post(devices(), "{\"deviceName\":\"cam-1\",\"tags\":[\"zone:eu-1\",\"beta\",\"A_b.c-d\"]}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(tags(body(created))).containsExactly("A_b.c-d", "beta", "zone:eu-1");
    assertThat(tags(body(get(devices() + "/cam-1"))))
        .containsExactly("A_b.c-d", "beta", "zone:eu-1");
    assertThat(storedTags("cam-1")).containsExactly("A_b.c-d", "beta", "zone:eu-1");
  }

  @Test
  void deviceWithoutTagsShowsAnEmptyList() throws Exception {
    post(devices(), "{\"deviceName\":\"bare\"}");

    JsonNode device = body(get(devices() + "/bare"));

    assertThat(device.path("tags").isArray()).isTrue();
    assertThat(device.path("tags").isEmpty()).isTrue();
  }

  @Test
  void registrationWithInvalidTagsIsRefusedAndStoresNothing() throws Exception {
    String tooLong = "t".repeat(33);
    HttpResponse<String> refused =
        post(
            devices(),
            """
            {"deviceName":"cam-1","tags":["ok","bad tag","ok","%s",""]}
            """
                .formatted(tooLong));

    JsonNode problem = assertProblem(refused, 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(problem))
        .containsEntry("tags[1]", "INVALID_FORMAT")
        .containsEntry("tags[2]", "DUPLICATE")
        .containsEntry("tags[3]", "TOO_LONG")
        .containsEntry("tags[4]", "REQUIRED")
        .doesNotContainKey("tags[0]");
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isZero();
  }

  @Test
  void moreThanTwentyTagsAreTooMany() throws Exception {
    String tags = String.join(",", IntStream.range(0, 21).mapToObj(i -> "\"t" + i + "\"").toList());

    HttpResponse<String> refused =
        post(devices(), "{\"deviceName\":\"cam-1\",\"tags\":[" + tags + "]}");

    assertThat(fieldErrors(assertProblem(refused, 400, "VALIDATION_FAILED")))
        .containsEntry("tags", "TOO_MANY");
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/merge-patch+json"})
  void patchReplacesTheTagsAndAnswersTheDevice(String contentType) throws Exception {
    post(
        devices(),
        "{\"deviceName\":\"cam-1\",\"versions\":{\"default\":\"1.0\"},\"tags\":[\"old\",\"beta\"]}");

    HttpResponse<String> changed =
        patch(devices() + "/cam-1", contentType, "{\"tags\":[\"region:eu\",\"beta\"]}");

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    JsonNode device = body(changed);
    assertThat(tags(device)).containsExactly("beta", "region:eu");
    assertThat(device.path("moduleFirmwareVersion").asString()).isEqualTo("1.0");
    assertThat(storedTags("cam-1")).containsExactly("beta", "region:eu");
    assertThat(body(get(devices() + "/cam-1"))).isEqualTo(device);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"tags\":[]}", "{\"tags\":null}"})
  void patchWithNoTagsRemovesThemAll(String body) throws Exception {
    post(devices(), "{\"deviceName\":\"cam-1\",\"tags\":[\"beta\"]}");

    HttpResponse<String> changed =
        patch(devices() + "/cam-1", "application/merge-patch+json", body);

    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    assertThat(tags(body(changed))).isEmpty();
    assertThat(storedTags("cam-1")).isEmpty();
  }

  @Test
  void patchWithoutTagsChangesNothing() throws Exception {
    post(devices(), "{\"deviceName\":\"cam-1\",\"tags\":[\"beta\"]}");

    HttpResponse<String> unchanged = patch(devices() + "/cam-1", "application/json", "{}");

    assertThat(unchanged.statusCode()).as(unchanged.body()).isEqualTo(200);
    assertThat(tags(body(unchanged))).containsExactly("beta");
  }

  @Test
  void patchWithInvalidTagsOrOtherFieldsIsRefusedAndChangesNothing() throws Exception {
    post(devices(), "{\"deviceName\":\"cam-1\",\"tags\":[\"beta\"]}");

    HttpResponse<String> refused =
        patch(
            devices() + "/cam-1",
            "application/merge-patch+json",
            "{\"tags\":[\"fine\",\"x\",\"y\",\"no/slash\"],\"deviceName\":\"x\",\"online\":true}");

    JsonNode problem = assertProblem(refused, 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(problem))
        .containsEntry("tags[3]", "INVALID_FORMAT")
        .containsEntry("deviceName", "NOT_MODIFIABLE")
        .containsEntry("online", "NOT_MODIFIABLE")
        .hasSize(3);
    assertThat(storedTags("cam-1")).containsExactly("beta");
  }

  @Test
  void patchWithTagsThatAreNoArrayIsRefused() throws Exception {
    post(devices(), "{\"deviceName\":\"cam-1\",\"tags\":[\"beta\"]}");

    HttpResponse<String> refused =
        patch(devices() + "/cam-1", "application/json", "{\"tags\":\"beta,gamma\"}");

    assertThat(fieldErrors(assertProblem(refused, 400, "VALIDATION_FAILED")))
        .containsEntry("tags", "INVALID_VALUE");
    assertThat(storedTags("cam-1")).containsExactly("beta");
  }

  @Test
  void patchOfAnUnknownDeviceOrProductIsNotFound() throws Exception {
    assertProblem(
        patch(devices() + "/nobody", "application/json", "{\"tags\":[\"beta\"]}"),
        404,
        "DEVICE_NOT_FOUND");
    assertProblem(
        patch(
            "/api/v1/products/" + uniqueKey("none") + "/devices/cam-1",
            "application/json",
            "{\"tags\":[\"beta\"]}"),
        404,
        "PRODUCT_NOT_FOUND");
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isZero();
  }

  @Test
  void csvImportReadsTheTagsColumn() throws Exception {
    JsonNode result =
        imported(
            "text/csv",
            """
            deviceName,default,tags
            cam-1,1.0.0,beta;region:eu
            cam-2,1.0.0,
            cam-3,1.0.0,ok;bad tag
            """);

    assertThat(result.path("created").asLong()).as(result.toString()).isEqualTo(2);
    assertThat(result.path("invalid").asLong()).isEqualTo(1);
    assertThat(result.path("errors").get(0).path("field").asString()).isEqualTo("tags[1]");
    assertThat(result.path("errors").get(0).path("code").asString()).isEqualTo("INVALID_FORMAT");
    assertThat(storedTags("cam-1")).containsExactly("beta", "region:eu");
    assertThat(storedTags("cam-2")).isEmpty();
    assertThat(tags(body(get(devices() + "/cam-1")))).containsExactly("beta", "region:eu");
  }

  @Test
  void ndjsonImportReadsTheTagsField() throws Exception {
    JsonNode result =
        imported(
            "application/x-ndjson",
            """
            {"deviceName":"cam-1","tags":["zeta","alpha"]}
            {"deviceName":"cam-2","tags":["x","x"]}
            """);

    assertThat(result.path("created").asLong()).as(result.toString()).isEqualTo(1);
    assertThat(result.path("errors").get(0).path("code").asString()).isEqualTo("DUPLICATE");
    assertThat(storedTags("cam-1")).containsExactly("alpha", "zeta");
  }

  private JsonNode imported(String contentType, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(devices() + "/import"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return body(response);
  }
}
