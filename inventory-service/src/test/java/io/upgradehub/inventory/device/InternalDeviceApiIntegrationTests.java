package io.upgradehub.inventory.device;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The internal device API campaign-service plans batches with, over HTTP against the real
 * MongoDB-protocol server: the streamed export and the lookup by name.
 */
class InternalDeviceApiIntegrationTests extends InventoryServiceIntegrationTest {

  private String product;

  @BeforeEach
  void createProductWithDevices() throws Exception {
    product = uniqueKey("internal");
    createProduct(product, "Internal API test product", "mcu");
    register(
        product, "{\"deviceName\":\"cam-1\",\"versions\":{\"default\":\"1.0.0\",\"mcu\":\"7\"}}");
    register(
        product,
        "{\"deviceName\":\"cam-2\",\"versions\":{\"default\":\"1.1.0\"},\"tags\":[\"beta\"]}");
    register(product, "{\"deviceName\":\"cam-3\",\"tags\":[\"beta\",\"region:eu\"]}");
  }

  private void register(String productKey, String device) throws Exception {
    HttpResponse<String> created = post("/api/v1/products/" + productKey + "/devices", device);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private String internal(String productKey) {
    return "/internal/v1/products/" + productKey + "/devices";
  }

  /** The export's lines as device name to version (the JSON text, so null reads "null"). */
  private Map<String, String> exported(String query) throws Exception {
    HttpResponse<String> response = get(internal(product) + "/export" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
    assertThat(response.body()).endsWith("\n");
    Map<String, String> devices = new HashMap<>();
    for (String line : response.body().split("\n")) {
      JsonNode device = json.readTree(line);
      assertThat(device.size()).as(line).isEqualTo(2);
      String previous =
          devices.put(device.path("deviceName").asString(), device.path("version").toString());
      assertThat(previous).as("each device once: " + line).isNull();
    }
    return devices;
  }

  @Test
  void exportStreamsEveryDeviceOfTheProductWithItsVersionOfTheModule() throws Exception {
    String other = uniqueKey("other");
    createProduct(other, "Other");
    register(other, "{\"deviceName\":\"cam-9\",\"versions\":{\"default\":\"9.0\"}}");

    assertThat(exported(""))
        .containsOnly(
            Map.entry("cam-1", "\"1.0.0\""),
            Map.entry("cam-2", "\"1.1.0\""),
            Map.entry("cam-3", "null"));
    assertThat(exported("?module=default")).isEqualTo(exported(""));
    assertThat(exported("?module=mcu"))
        .containsOnly(
            Map.entry("cam-1", "\"7\""), Map.entry("cam-2", "null"), Map.entry("cam-3", "null"));
  }

  @Test
  void exportWithATagStreamsOnlyTheDevicesCarryingIt() throws Exception {
    assertThat(exported("?tag=beta"))
        .containsOnly(Map.entry("cam-2", "\"1.1.0\""), Map.entry("cam-3", "null"));
    assertThat(exported("?module=mcu&tag=region:eu")).containsOnly(Map.entry("cam-3", "null"));
    HttpResponse<String> none = get(internal(product) + "/export?tag=nobody");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).isEmpty();
  }

  @Test
  void exportStreamsFleetsLargerThanACursorBatch() throws Exception {
    int count = FleetVersions.BATCH_SIZE * 2 + 500;
    String big = uniqueKey("big");
    createProduct(big, "Big fleet");
    String csv =
        IntStream.range(0, count)
            .mapToObj(i -> "dev-" + i + "," + (i % 3) + ".0")
            .collect(Collectors.joining("\n", "deviceName,default\n", "\n"));
    HttpResponse<String> imported =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/products/" + big + "/devices/import"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(body(imported).path("created").asLong()).as(imported.body()).isEqualTo(count);

    HttpResponse<String> response = get(internal(big) + "/export");

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> lines = response.body().lines().toList();
    assertThat(lines).hasSize(count).doesNotHaveDuplicates();
    assertThat(lines).contains("{\"deviceName\":\"dev-7\",\"version\":\"1.0\"}");
    int last = count - 1;
    assertThat(lines)
        .contains("{\"deviceName\":\"dev-" + last + "\",\"version\":\"" + (last % 3) + ".0\"}");
  }

  @Test
  void exportOfAnUnknownProductOrModuleOrWithABadTagIsAProblem() throws Exception {
    assertProblem(get(internal(uniqueKey("none")) + "/export"), 404, "PRODUCT_NOT_FOUND");
    assertProblem(get(internal(product) + "/export?module=gps"), 422, "UNKNOWN_MODULE");
    JsonNode badTag =
        assertProblem(get(internal(product) + "/export?tag=a%2Fb"), 400, "INVALID_PARAMETER");
    assertThat(fieldErrors(badTag)).containsEntry("tag", "INVALID_FORMAT");
    JsonNode badModule =
        assertProblem(get(internal(product) + "/export?module=a.b"), 400, "INVALID_PARAMETER");
    assertThat(fieldErrors(badModule)).containsEntry("module", "INVALID_FORMAT");
  }

  @Test
  void lookupAnswersTheDevicesFoundAndTheNamesMissingInTheOrderGiven() throws Exception {
    String other = uniqueKey("other");
    createProduct(other, "Other");
    register(other, "{\"deviceName\":\"cam-9\"}");

    HttpResponse<String> response =
        post(
            internal(product) + "/lookup",
            "{\"deviceNames\":[\"cam-3\",\"cam-9\",\"cam-1\",\"nobody\",\"cam-1\"]}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(body(response))
        .isEqualTo(
            json.readTree(
                """
                {"devices":[{"deviceName":"cam-3","version":null},
                            {"deviceName":"cam-1","version":"1.0.0"}],
                 "missing":["cam-9","nobody"]}
                """));
    JsonNode mcu =
        body(
            post(
                internal(product) + "/lookup", "{\"module\":\"mcu\",\"deviceNames\":[\"cam-1\"]}"));
    assertThat(mcu.path("devices").get(0).path("version").asString()).isEqualTo("7");
    assertThat(mcu.path("missing").isEmpty()).isTrue();
  }

  @Test
  void lookupWithInvalidFieldsIsAProblemListingThem() throws Exception {
    JsonNode empty =
        assertProblem(
            post(internal(product) + "/lookup", "{\"deviceNames\":[]}"), 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(empty)).containsEntry("deviceNames", "REQUIRED");
    assertThat(
            fieldErrors(
                assertProblem(post(internal(product) + "/lookup", "{}"), 400, "VALIDATION_FAILED")))
        .containsEntry("deviceNames", "REQUIRED");

    String tooMany =
        IntStream.range(0, DeviceNames.MAX + 1)
            .mapToObj(i -> "\"d" + i + "\"")
            .collect(Collectors.joining(",", "{\"deviceNames\":[", "]}"));
    assertThat(
            fieldErrors(
                assertProblem(
                    post(internal(product) + "/lookup", tooMany), 400, "VALIDATION_FAILED")))
        .containsEntry("deviceNames", "TOO_MANY");

    JsonNode bad =
        assertProblem(
            post(
                internal(product) + "/lookup",
                "{\"module\":\"\",\"deviceNames\":[\"cam-1\",\"bad name\",null]}"),
            400,
            "VALIDATION_FAILED");
    assertThat(fieldErrors(bad))
        .containsEntry("deviceNames[1]", "INVALID_FORMAT")
        .containsEntry("deviceNames[2]", "REQUIRED")
        .containsEntry("module", "REQUIRED")
        .doesNotContainKey("deviceNames[0]");
  }

  @Test
  void lookupForAnUnknownProductOrModuleIsAProblem() throws Exception {
    assertProblem(
        post(internal(uniqueKey("none")) + "/lookup", "{\"deviceNames\":[\"cam-1\"]}"),
        404,
        "PRODUCT_NOT_FOUND");
    assertProblem(
        post(internal(product) + "/lookup", "{\"module\":\"gps\",\"deviceNames\":[\"cam-1\"]}"),
        422,
        "UNKNOWN_MODULE");
  }

  @Test
  void lookupOfThe1000NamesAllowedIsOneAnswer() throws Exception {
    String names =
        IntStream.range(0, DeviceNames.MAX)
            .mapToObj(i -> "\"cam-" + i + "\"")
            .collect(Collectors.joining(",", "{\"deviceNames\":[", "]}"));

    JsonNode answer = body(post(internal(product) + "/lookup", names));

    assertThat(answer.path("devices").size()).isEqualTo(3);
    assertThat(answer.path("missing").size()).isEqualTo(DeviceNames.MAX - 3);
  }
}
