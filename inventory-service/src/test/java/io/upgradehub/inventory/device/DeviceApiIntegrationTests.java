package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.eq;
import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class DeviceApiIntegrationTests extends InventoryServiceIntegrationTest {

  private String product;

  @BeforeEach
  void createProduct() throws Exception {
    product = uniqueKey("dev");
    createProduct(product, "Device test product", "mcu");
  }

  private String devices() {
    return "/api/v1/products/" + product + "/devices";
  }

  private long storedDevices() {
    return deviceCollection.countDocuments(eq("productKey", product));
  }

  @Test
  void registeredDeviceShowsItsVersionsAndTheListColumns() throws Exception {
    HttpResponse<String> created =
        post(
            devices(),
            "{\"deviceName\":\"cam-01.a_b\",\"versions\":{\"default\":\"1.2.3\",\"mcu\":\"0.9+b1\"}}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(devices() + "/cam-01.a_b");
    JsonNode body = body(created);
    assertThat(body.path("deviceName").asString()).isEqualTo("cam-01.a_b");
    assertThat(body.path("productKey").asString()).isEqualTo(product);
    assertThat(body.path("moduleFirmwareVersion").asString()).isEqualTo("1.2.3");
    assertThat(body.path("mcuVersion").asString()).isEqualTo("0.9+b1");
    assertThat(body.path("versions").path("default").path("version").asString()).isEqualTo("1.2.3");
    assertThat(body.path("versions").path("mcu").path("version").asString()).isEqualTo("0.9+b1");
    Instant createdAt = Instant.parse(body.path("createdAt").asString());
    assertThat(Instant.parse(body.path("versionUpdatedAt").asString())).isEqualTo(createdAt);
    assertThat(Instant.parse(body.path("versions").path("mcu").path("updatedAt").asString()))
        .isEqualTo(createdAt);
    assertThat(body.path("totalUpgrades").asLong()).isZero();
    assertThat(body.path("totalFailures").asLong()).isZero();
    assertThat(body.path("online").asBoolean()).isFalse();
    assertThat(body.path("lastSeenAt").isNull()).isTrue();

    HttpResponse<String> detail = get(devices() + "/cam-01.a_b");
    assertThat(detail.statusCode()).as(detail.body()).isEqualTo(200);
    assertThat(body(detail)).isEqualTo(body);
    assertThat(deviceCollection.countDocuments(eq("_id", product + "/cam-01.a_b"))).isOne();
  }

  @Test
  void deviceRegisteredWithoutVersionsHasNoneAndNoUpdateTime() throws Exception {
    HttpResponse<String> created = post(devices(), "{\"deviceName\":\"bare\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = body(get(devices() + "/bare"));
    assertThat(body.path("versions").isEmpty()).isTrue();
    assertThat(body.path("moduleFirmwareVersion").isNull()).isTrue();
    assertThat(body.path("mcuVersion").isNull()).isTrue();
    assertThat(body.path("versionUpdatedAt").isNull()).isTrue();
  }

  @Test
  void mcuVersionIsNullWhenOnlyTheModuleFirmwareIsKnown() throws Exception {
    post(devices(), "{\"deviceName\":\"fw-only\",\"versions\":{\"default\":\"2.0\"}}");

    JsonNode body = body(get(devices() + "/fw-only"));

    assertThat(body.path("moduleFirmwareVersion").asString()).isEqualTo("2.0");
    assertThat(body.path("mcuVersion").isNull()).isTrue();
  }

  @Test
  void listSearchesDeviceNameCaseInsensitivelyWithinTheProductNewestFirst() throws Exception {
    for (int i = 1; i <= 3; i++) {
      assertThat(post(devices(), "{\"deviceName\":\"Kitchen-Cam-" + i + "\"}").statusCode())
          .isEqualTo(201);
    }
    post(devices(), "{\"deviceName\":\"garage-1\"}");
    String otherProduct = uniqueKey("other");
    createProduct(otherProduct, "Other");
    post("/api/v1/products/" + otherProduct + "/devices", "{\"deviceName\":\"kitchen-cam-9\"}");

    JsonNode first = body(get(devices() + "?name=KITCHEN-cam&size=2"));

    assertThat(first.path("total").asLong()).isEqualTo(3);
    assertThat(first.path("size").asInt()).isEqualTo(2);
    assertThat(first.path("items").values())
        .extracting(item -> item.path("deviceName").asString())
        .containsExactly("Kitchen-Cam-3", "Kitchen-Cam-2");
    JsonNode second = body(get(devices() + "?name=kitchen&page=1&size=2"));
    assertThat(second.path("items").values())
        .extracting(item -> item.path("deviceName").asString())
        .containsExactly("Kitchen-Cam-1");
    JsonNode all = body(get(devices()));
    assertThat(all.path("total").asLong()).isEqualTo(4);
    assertThat(all.path("items").values())
        .extracting(item -> item.path("productKey").asString())
        .containsOnly(product);
  }

  @Test
  void searchTreatsTheNameAsTextNotAsAPattern() throws Exception {
    post(devices(), "{\"deviceName\":\"a.b\"}");
    post(devices(), "{\"deviceName\":\"axb\"}");

    JsonNode page = body(get(devices() + "?name=a.b"));

    assertThat(page.path("items").values())
        .extracting(item -> item.path("deviceName").asString())
        .containsExactly("a.b");
  }

  @Test
  void refusesASecondDeviceOfTheSameNameInTheProductButAllowsItInAnother() throws Exception {
    post(devices(), "{\"deviceName\":\"twin\",\"versions\":{\"default\":\"1.0\"}}");

    HttpResponse<String> again =
        post(devices(), "{\"deviceName\":\"twin\",\"versions\":{\"default\":\"9.9\"}}");

    assertProblem(again, 409, "DEVICE_ALREADY_EXISTS");
    assertThat(body(get(devices() + "/twin")).path("moduleFirmwareVersion").asString())
        .isEqualTo("1.0");
    String otherProduct = uniqueKey("twin-other");
    createProduct(otherProduct, "Other");
    assertThat(
            post("/api/v1/products/" + otherProduct + "/devices", "{\"deviceName\":\"twin\"}")
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void answersProductNotFoundForDevicesOfAnUnknownProductAndStoresNothing() throws Exception {
    String unknown = uniqueKey("unknown");
    String path = "/api/v1/products/" + unknown + "/devices";

    assertProblem(post(path, "{\"deviceName\":\"d1\"}"), 404, "PRODUCT_NOT_FOUND");
    assertProblem(get(path), 404, "PRODUCT_NOT_FOUND");
    assertProblem(get(path + "/d1"), 404, "PRODUCT_NOT_FOUND");
    assertThat(deviceCollection.countDocuments(eq("productKey", unknown))).isZero();
  }

  @Test
  void answersDeviceNotFoundForAnUnknownDevice() throws Exception {
    assertProblem(get(devices() + "/nobody"), 404, "DEVICE_NOT_FOUND");
  }

  @Test
  void refusesAVersionForAModuleTheProductLacksAndStoresNothing() throws Exception {
    HttpResponse<String> response =
        post(
            devices(),
            "{\"deviceName\":\"d1\",\"versions\":{\"default\":\"1.0\",\"wifi\":\"3.1\"}}");

    JsonNode problem = assertProblem(response, 422, "UNKNOWN_MODULE");
    assertThat(fieldErrors(problem))
        .containsExactly(java.util.Map.entry("versions.wifi", "UNKNOWN_MODULE"));
    assertThat(storedDevices()).isZero();
  }

  static Stream<Arguments> invalidDevices() {
    return Stream.of(
        Arguments.of("{}", "deviceName", "REQUIRED"),
        Arguments.of("{\"deviceName\":\"  \"}", "deviceName", "REQUIRED"),
        Arguments.of("{\"deviceName\":\"a/b\"}", "deviceName", "INVALID_FORMAT"),
        Arguments.of("{\"deviceName\":\"a b\"}", "deviceName", "INVALID_FORMAT"),
        Arguments.of("{\"deviceName\":\"" + "d".repeat(65) + "\"}", "deviceName", "TOO_LONG"),
        Arguments.of(
            "{\"deviceName\":\"d\",\"versions\":{\"default\":\"\"}}",
            "versions.default",
            "REQUIRED"),
        Arguments.of(
            "{\"deviceName\":\"d\",\"versions\":{\"default\":null}}",
            "versions.default",
            "REQUIRED"),
        Arguments.of(
            "{\"deviceName\":\"d\",\"versions\":{\"default\":\"1.0 beta\"}}",
            "versions.default",
            "INVALID_FORMAT"),
        Arguments.of(
            "{\"deviceName\":\"d\",\"versions\":{\"default\":\"" + "1".repeat(65) + "\"}}",
            "versions.default",
            "TOO_LONG"),
        Arguments.of(
            "{\"deviceName\":\"d\",\"versions\":{\"m c\":\"1.0\"}}",
            "versions.m c",
            "INVALID_MODULE"));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("invalidDevices")
  void rejectsAnInvalidFieldWithItsCodeAndStoresNothing(String json, String field, String code)
      throws Exception {
    HttpResponse<String> response = post(devices(), json);

    JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(problem)).containsEntry(field, code);
    assertThat(storedDevices()).isZero();
  }

  @Test
  void answersMalformedRequestForVersionsThatAreNotAnObject() throws Exception {
    HttpResponse<String> response = post(devices(), "{\"deviceName\":\"d\",\"versions\":[\"1\"]}");

    assertThat(fieldErrors(assertProblem(response, 400, "MALFORMED_REQUEST")))
        .containsKey("versions");
    assertThat(storedDevices()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"page=-1", "size=0", "size=101", "page=abc"})
  void rejectsBadPagingAsAnInvalidParameter(String query) throws Exception {
    JsonNode problem = assertProblem(get(devices() + "?" + query), 400, "INVALID_PARAMETER");

    assertThat(fieldErrors(problem)).containsKey(query.substring(0, query.indexOf('=')));
  }
}
