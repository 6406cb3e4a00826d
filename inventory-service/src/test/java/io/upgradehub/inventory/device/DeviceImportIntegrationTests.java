package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.eq;
import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bulk imports over HTTP against the real MongoDB-protocol server: what each row became, what is
 * stored, and the version distribution they leave.
 */
class DeviceImportIntegrationTests extends InventoryServiceIntegrationTest {

  private String product;

  @BeforeEach
  void createProduct() throws Exception {
    product = uniqueKey("import");
    createProduct(product, "Import test product", "mcu");
  }

  @Test
  void csvImportCreatesValidRowsAndReportsDuplicatesAndInvalidRowsByLine() throws Exception {
    HttpResponse<String> before =
        post(
            "/api/v1/products/" + product + "/devices",
            "{\"deviceName\":\"cam-0\",\"versions\":{\"default\":\"2.0.0\"}}");
    assertThat(before.statusCode()).as(before.body()).isEqualTo(201);

    JsonNode result =
        imported(
            "text/csv",
            """
            deviceName,default,mcu
            cam-1,1.0.0,0.9
            cam-2, 1.0.0 ,

            cam-0,2.0.0,
            cam-1,3.0.0,
            bad name!,1.0,
            cam-3,1.0.0
            ,1.0,
            "cam-4",,
            cam-5,1.0.0,bad version
            """);

    assertThat(result.path("created").asLong()).isEqualTo(3);
    assertThat(result.path("duplicates").asLong()).isEqualTo(2);
    assertThat(result.path("invalid").asLong()).isEqualTo(4);
    assertThat(errors(result))
        .containsExactly(
            "5 cam-0 DEVICE_ALREADY_EXISTS",
            "6 cam-1 DEVICE_ALREADY_EXISTS",
            "7 bad name! INVALID_FORMAT",
            "8 cam-3 MALFORMED_ROW",
            "9  REQUIRED",
            "11 cam-5 INVALID_FORMAT");
    JsonNode badVersion = result.path("errors").get(5);
    assertThat(badVersion.path("field").asString()).isEqualTo("versions.mcu");
    assertThat(badVersion.path("message").asString()).isNotBlank();

    JsonNode cam1 = body(get(devicePath("cam-1")));
    assertThat(cam1.path("moduleFirmwareVersion").asString())
        .as("the first row wins")
        .isEqualTo("1.0.0");
    assertThat(cam1.path("mcuVersion").asString()).isEqualTo("0.9");
    assertThat(body(get(devicePath("cam-2"))).path("mcuVersion").isNull()).isTrue();
    assertThat(body(get(devicePath("cam-4"))).path("versions").isEmpty()).isTrue();
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isEqualTo(4);

    assertThat(counts("default")).containsExactly(Map.entry("1.0.0", 2L), Map.entry("2.0.0", 1L));
    assertThat(counts("mcu")).containsExactly(Map.entry("0.9", 1L));
    assertThat(pendingModules("cam-1")).as("counted, so no longer pending").isEmpty();
  }

  @Test
  void ndjsonImportReportsRowsThatAreNoDevicesAndUnknownModules() throws Exception {
    JsonNode result =
        imported(
            "application/x-ndjson",
            """
            {"deviceName":"n-1","versions":{"default":"1.0.0","mcu":"0.1"}}
            {"deviceName":"n-2"}

            {"deviceName":"n-3","versions":{"wifi":"1.0"}}
            {"deviceName":"n-4","versions":"1.0"}
            not json
            [1,2]
            {"deviceName":"n-1","versions":{"default":"2.0.0"}}
            {"deviceName":"n-5","versions":{"default":"1.0.0"},"unknownField":true}
            """);

    assertThat(result.path("created").asLong()).isEqualTo(3);
    assertThat(result.path("duplicates").asLong()).isEqualTo(1);
    assertThat(result.path("invalid").asLong()).isEqualTo(4);
    assertThat(errors(result))
        .containsExactly(
            "4 n-3 UNKNOWN_MODULE",
            "5 n-4 MALFORMED_ROW",
            "6  MALFORMED_ROW",
            "7  MALFORMED_ROW",
            "8 n-1 DEVICE_ALREADY_EXISTS");
    assertThat(result.path("errors").get(0).path("field").asString()).isEqualTo("versions.wifi");
    assertThat(counts("default")).containsExactly(Map.entry("1.0.0", 2L));
    assertThat(counts("mcu")).containsExactly(Map.entry("0.1", 1L));
  }

  @Test
  void jsonArrayImportIsReadElementByElement() throws Exception {
    JsonNode result =
        imported(
            "application/json",
            """
            [
              {"deviceName":"j-1","versions":{"default":"1.0.0"}},
              {"deviceName":"j-2",
               "versions":{"default":"1.1.0"}},
              {"deviceName":"j 3"},
              42
            ]
            """);

    assertThat(result.path("created").asLong()).as(result.toString()).isEqualTo(2);
    assertThat(result.path("invalid").asLong()).isEqualTo(2);
    assertThat(errors(result)).containsExactly("5 j 3 INVALID_FORMAT", "6  MALFORMED_ROW");
    assertThat(counts("default")).containsExactly(Map.entry("1.0.0", 1L), Map.entry("1.1.0", 1L));
  }

  @Test
  void brokenJsonArrayKeepsTheDevicesBeforeTheBreakAndSaysWhere() throws Exception {
    JsonNode result =
        imported(
            "application/json",
            """
            [{"deviceName":"j-1","versions":{"default":"1.0.0"}},
             {"deviceName":"j-2" oops
            """);

    assertThat(result.path("created").asLong()).isEqualTo(1);
    assertThat(result.path("invalid").asLong()).isEqualTo(1);
    assertThat(result.path("errors").get(0).path("code").asString()).isEqualTo("MALFORMED_ROW");
    assertThat(counts("default")).containsExactly(Map.entry("1.0.0", 1L));
  }

  @Test
  void jsonBodyThatIsNoArrayIsMalformedAndChangesNothing() throws Exception {
    assertProblem(
        importing("application/json", "{\"deviceName\":\"x\"}"), 400, "MALFORMED_REQUEST");
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isZero();
  }

  @Test
  void unsupportedContentTypeIsRefusedAndChangesNothing() throws Exception {
    assertProblem(importing("text/plain", "deviceName\ncam-1\n"), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(importing("application/xml", "<devices/>"), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(
        importing("text/csv; charset=no-such-charset", "deviceName\ncam-1\n"),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isZero();
  }

  @Test
  void importIntoAnUnknownProductIsNotFound() throws Exception {
    product = uniqueKey("nope");
    assertProblem(importing("text/csv", "deviceName\ncam-1\n"), 404, "PRODUCT_NOT_FOUND");
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isZero();
  }

  @Test
  void csvHeaderWithoutDeviceNameOrWithARepeatedColumnIsInvalid() throws Exception {
    JsonNode noName =
        assertProblem(importing("text/csv", "name,default\ncam-1,1.0\n"), 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(noName)).containsEntry("header", "REQUIRED");
    JsonNode empty = assertProblem(importing("text/csv", ""), 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(empty)).containsEntry("header", "REQUIRED");
    JsonNode repeated =
        assertProblem(
            importing("text/csv", "deviceName,mcu,mcu\ncam-1,1.0,1.0\n"), 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(repeated)).containsEntry("header.mcu", "DUPLICATE");
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isZero();
  }

  @Test
  void csvColumnOfAModuleTheProductLacksIsUnprocessable() throws Exception {
    JsonNode problem =
        assertProblem(
            importing("text/csv", "deviceName,default,wifi\ncam-1,1.0,2.0\n"),
            422,
            "UNKNOWN_MODULE");
    assertThat(fieldErrors(problem)).containsExactly(Map.entry("header.wifi", "UNKNOWN_MODULE"));
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isZero();
  }

  @Test
  void onlyTheFirstHundredRowsNotCreatedAreListed() throws Exception {
    StringBuilder csv = new StringBuilder("deviceName\n");
    IntStream.range(0, 150).forEach(i -> csv.append("bad name ").append(i).append('\n'));

    JsonNode result = imported("text/csv", csv.toString());

    assertThat(result.path("invalid").asLong()).isEqualTo(150);
    assertThat(result.path("errors")).hasSize(100);
    assertThat(result.path("errors").get(99).path("line").asLong()).isEqualTo(101);
  }

  @Test
  void largeStreamedImportCountsEveryVersionOnce() throws Exception {
    int devices = 20_000;
    List<String> versions = List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0");
    List<InputStream> parts =
        IntStream.range(0, devices / 1_000)
            .mapToObj(
                part -> {
                  StringBuilder rows = new StringBuilder(part == 0 ? "deviceName,default\n" : "");
                  for (int i = part * 1_000; i < (part + 1) * 1_000; i++) {
                    rows.append("dev-")
                        .append(i)
                        .append(',')
                        .append(versions.get(i % versions.size()))
                        .append('\n');
                  }
                  return (InputStream)
                      new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8));
                })
            .toList();

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri(importPath()))
                .header("Content-Type", "text/csv")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new SequenceInputStream(Collections.enumeration(parts))))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = body(response);
    assertThat(result.path("created").asLong()).isEqualTo(devices);
    assertThat(result.path("duplicates").asLong()).isZero();
    assertThat(result.path("invalid").asLong()).isZero();
    Map<String, Long> expected = new LinkedHashMap<>();
    versions.forEach(v -> expected.put(v, (long) devices / versions.size()));
    assertThat(counts("default")).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(body(get("/api/v1/products/" + product + "/devices?size=1")).path("total").asLong())
        .isEqualTo(devices);
  }

  private String importPath() {
    return "/api/v1/products/" + product + "/devices/import";
  }

  private String devicePath(String deviceName) {
    return "/api/v1/products/" + product + "/devices/" + deviceName;
  }

  private HttpResponse<String> importing(String contentType, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(importPath()))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode imported(String contentType, String body) throws Exception {
    HttpResponse<String> response = importing(contentType, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return body(response);
  }

  /** Each listed row as "line deviceName code". */
  private static List<String> errors(JsonNode result) {
    return result
        .path("errors")
        .valueStream()
        .map(
            e ->
                e.path("line").asLong()
                    + " "
                    + (e.path("deviceName").isNull() ? "" : e.path("deviceName").asString())
                    + " "
                    + e.path("code").asString())
        .toList();
  }

  /** version to device count of the module, in the answer's order. */
  private Map<String, Long> counts(String module) throws Exception {
    return versionCounts(product, module);
  }

  private List<String> pendingModules(String deviceName) {
    Document device = deviceCollection.find(eq("_id", product + "/" + deviceName)).first();
    assertThat(device).isNotNull();
    return device.getList("pendingModules", String.class, List.of());
  }
}
