package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.eq;
import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import io.upgradehub.inventory.product.ProductManagement;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The arrivals of devices transferred in from another platform, over HTTP against the real
 * MongoDB-protocol server: who is registered, what is answered, and the version distribution they
 * leave.
 */
class DeviceArrivalsIntegrationTests extends InventoryServiceIntegrationTest {

  @Autowired DeviceRegistration registration;
  @Autowired ProductManagement products;

  private String product;

  @BeforeEach
  void createProductWithDevices() throws Exception {
    product = uniqueKey("arrivals");
    createProduct(product, "Arrivals test product", "mcu");
    register("{\"deviceName\":\"cam-1\",\"versions\":{\"default\":\"2.0.0\",\"mcu\":\"7\"}}");
    register("{\"deviceName\":\"cam-2\",\"tags\":[\"beta\"]}");
  }

  @Test
  void registersTheAbsentDevicesWithTheVersionAndAnswersThePresentOnesUnchanged() throws Exception {
    JsonNode answer =
        arrived(
            """
            {"version":"1.0.0","deviceNames":["new-1","cam-1","new-2","cam-2","new-1"]}
            """);

    assertThat(answer)
        .isEqualTo(
            json.readTree(
                """
                {"devices":[{"deviceName":"new-1","version":"1.0.0"},
                            {"deviceName":"cam-1","version":"2.0.0"},
                            {"deviceName":"new-2","version":"1.0.0"},
                            {"deviceName":"cam-2","version":null}],
                 "missing":[]}
                """));
    JsonNode registered = body(get(devicePath("new-1")));
    assertThat(registered.path("versions").path("default").path("version").asString())
        .isEqualTo("1.0.0");
    assertThat(registered.path("versions").has("mcu")).isFalse();
    assertThat(registered.path("tags").isEmpty()).isTrue();
    assertThat(versionOf("cam-1")).isEqualTo("2.0.0");
    assertThat(body(get(devicePath("cam-2"))).path("versions").isEmpty()).isTrue();
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isEqualTo(4);
    assertThat(counts("default")).containsExactly(Map.entry("1.0.0", 2L), Map.entry("2.0.0", 1L));
    assertThat(counts("mcu")).containsExactly(Map.entry("7", 1L));
  }

  @Test
  void registersWithTheVersionOfTheModuleNamed() throws Exception {
    JsonNode answer =
        arrived("{\"module\":\"mcu\",\"version\":\"0.9\",\"deviceNames\":[\"cam-1\",\"new-1\"]}");

    assertThat(versions(answer))
        .containsExactly(Map.entry("cam-1", "\"7\""), Map.entry("new-1", "\"0.9\""));
    assertThat(body(get(devicePath("new-1"))).path("versions").has("default")).isFalse();
    assertThat(counts("mcu")).containsOnly(Map.entry("0.9", 1L), Map.entry("7", 1L));
    assertThat(counts("default")).containsExactly(Map.entry("2.0.0", 1L));
  }

  @Test
  void secondCallRegistersNothingMoreAndChangesNoVersion() throws Exception {
    String arrivals = "{\"version\":\"1.0.0\",\"deviceNames\":[\"new-1\",\"cam-1\"]}";
    JsonNode first = arrived(arrivals);

    JsonNode again = arrived(arrivals);
    JsonNode otherVersion =
        arrived("{\"version\":\"5.0.0\",\"deviceNames\":[\"new-1\",\"cam-1\"]}");

    assertThat(again).isEqualTo(first);
    assertThat(otherVersion).as("the version is only a start version").isEqualTo(first);
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isEqualTo(3);
    assertThat(counts("default")).containsOnly(Map.entry("1.0.0", 1L), Map.entry("2.0.0", 1L));
  }

  @Test
  void registersTheThousandNamesAllowedInOneCall() throws Exception {
    String names =
        IntStream.range(0, DeviceNames.MAX)
            .mapToObj(i -> "\"cam-" + i + "\"")
            .collect(Collectors.joining(",", "{\"version\":\"1.0.0\",\"deviceNames\":[", "]}"));

    JsonNode answer = arrived(names);

    // cam-1 and cam-2 were there before
    JsonNode devices = answer.path("devices");
    assertThat(devices.size()).isEqualTo(DeviceNames.MAX);
    assertThat(devices.get(0).path("version").asString()).isEqualTo("1.0.0");
    assertThat(devices.get(1).path("version").asString()).isEqualTo("2.0.0");
    assertThat(devices.get(2).path("version").isNull()).isTrue();
    assertThat(devices.get(999).path("deviceName").asString()).isEqualTo("cam-999");
    assertThat(deviceCollection.countDocuments(eq("productKey", product)))
        .isEqualTo(DeviceNames.MAX);
    assertThat(counts("default"))
        .containsExactly(Map.entry("1.0.0", DeviceNames.MAX - 2L), Map.entry("2.0.0", 1L));
  }

  @Test
  void answersTheStoredVersionOfADeviceRegisteredBetweenTheReadAndTheInsert() throws Exception {
    // a fleet read that lets another registration of "late" in right after it
    FleetVersions racingRead =
        new FleetVersions(deviceCollection) {
          @Override
          Map<String, DeviceVersion> find(
              String productKey, String module, Collection<String> deviceNames) {
            Map<String, DeviceVersion> found = super.find(productKey, module, deviceNames);
            if (!found.containsKey("late")) {
              try {
                register("{\"deviceName\":\"late\",\"versions\":{\"default\":\"3.0.0\"}}");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
            return found;
          }
        };
    DeviceArrivals arrivals = new DeviceArrivals(racingRead, registration, products);

    DeviceLookupResponse answer =
        arrivals.register(
            product, new DeviceArrivalsRequest(null, "1.0.0", List.of("new-1", "late")));

    assertThat(answer.devices())
        .containsExactly(new DeviceVersion("new-1", "1.0.0"), new DeviceVersion("late", "3.0.0"));
    assertThat(answer.missing()).isEmpty();
    assertThat(counts("default"))
        .as("the chunk counts only the device it stored")
        .containsOnly(Map.entry("1.0.0", 1L), Map.entry("2.0.0", 1L), Map.entry("3.0.0", 1L));
  }

  @Test
  void invalidFieldsAreAProblemListingThemAndStoreNothing() throws Exception {
    JsonNode bad =
        assertProblem(
            post(
                arrivalsPath(),
                "{\"module\":\"a.b\",\"version\":\"1 0\",\"deviceNames\":[\"ok\",\"bad name\",null]}"),
            400,
            "VALIDATION_FAILED");
    assertThat(fieldErrors(bad))
        .containsEntry("module", "INVALID_FORMAT")
        .containsEntry("version", "INVALID_FORMAT")
        .containsEntry("deviceNames[1]", "INVALID_FORMAT")
        .containsEntry("deviceNames[2]", "REQUIRED")
        .doesNotContainKey("deviceNames[0]");

    JsonNode noVersion =
        assertProblem(
            post(arrivalsPath(), "{\"deviceNames\":[\"new-1\"]}"), 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(noVersion)).containsExactly(Map.entry("version", "REQUIRED"));
    JsonNode longVersion =
        assertProblem(
            post(
                arrivalsPath(),
                "{\"version\":\"" + "1".repeat(65) + "\",\"deviceNames\":[\"new-1\"]}"),
            400,
            "VALIDATION_FAILED");
    assertThat(fieldErrors(longVersion)).containsExactly(Map.entry("version", "TOO_LONG"));

    JsonNode empty =
        assertProblem(
            post(arrivalsPath(), "{\"version\":\"1.0.0\",\"deviceNames\":[]}"),
            400,
            "VALIDATION_FAILED");
    assertThat(fieldErrors(empty)).containsExactly(Map.entry("deviceNames", "REQUIRED"));
    JsonNode absent =
        assertProblem(post(arrivalsPath(), "{\"version\":\"1.0.0\"}"), 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(absent)).containsExactly(Map.entry("deviceNames", "REQUIRED"));

    String tooMany =
        IntStream.range(0, DeviceNames.MAX + 1)
            .mapToObj(i -> "\"new-" + i + "\"")
            .collect(Collectors.joining(",", "{\"version\":\"1.0.0\",\"deviceNames\":[", "]}"));
    JsonNode many = assertProblem(post(arrivalsPath(), tooMany), 400, "VALIDATION_FAILED");
    assertThat(fieldErrors(many)).containsExactly(Map.entry("deviceNames", "TOO_MANY"));

    assertNothingStored();
  }

  @Test
  void unknownProductIsNotFound() throws Exception {
    String unknown = uniqueKey("none");
    assertProblem(
        post(
            "/internal/v1/products/" + unknown + "/devices/arrivals",
            "{\"version\":\"1.0.0\",\"deviceNames\":[\"new-1\"]}"),
        404,
        "PRODUCT_NOT_FOUND");
    assertThat(deviceCollection.countDocuments(eq("productKey", unknown))).isZero();
  }

  @Test
  void unknownModuleIsUnprocessableAndStoresNothing() throws Exception {
    assertProblem(
        post(
            arrivalsPath(),
            "{\"module\":\"gps\",\"version\":\"1.0.0\",\"deviceNames\":[\"new-1\"]}"),
        422,
        "UNKNOWN_MODULE");
    assertNothingStored();
  }

  @Test
  void checksTheFieldsThenTheProductThenTheModule() throws Exception {
    String unknown = "/internal/v1/products/" + uniqueKey("none") + "/devices/arrivals";
    assertProblem(
        post(unknown, "{\"module\":\"gps\",\"deviceNames\":[\"new-1\"]}"),
        400,
        "VALIDATION_FAILED");
    assertProblem(
        post(unknown, "{\"module\":\"gps\",\"version\":\"1.0\",\"deviceNames\":[\"new-1\"]}"),
        404,
        "PRODUCT_NOT_FOUND");
  }

  @Test
  void registrationOfAChunkAnswersTheNamesTakenAndCountsOnlyThoseStored() throws Exception {
    Collection<String> taken =
        registration.registerChunk(
            product,
            List.of(
                new NewDevice("cam-1", Map.of("default", "1.0.0"), List.of()),
                new NewDevice("new-1", Map.of("default", "1.0.0"), List.of("beta"))));

    assertThat(taken).containsExactly("cam-1");
    assertThat(versionOf("cam-1")).isEqualTo("2.0.0");
    assertThat(versionOf("new-1")).isEqualTo("1.0.0");
    assertThat(counts("default")).containsOnly(Map.entry("1.0.0", 1L), Map.entry("2.0.0", 1L));
    assertThat(registration.registerChunk(product, List.of())).isEmpty();
  }

  private void register(String device) throws Exception {
    HttpResponse<String> created = post("/api/v1/products/" + product + "/devices", device);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private String arrivalsPath() {
    return "/internal/v1/products/" + product + "/devices/arrivals";
  }

  private String devicePath(String deviceName) {
    return "/api/v1/products/" + product + "/devices/" + deviceName;
  }

  private JsonNode arrived(String arrivals) throws Exception {
    HttpResponse<String> response = post(arrivalsPath(), arrivals);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return body(response);
  }

  /** The answer's devices as name to version (the JSON text, so null reads "null"), in order. */
  private static Map<String, String> versions(JsonNode answer) {
    Map<String, String> versions = new LinkedHashMap<>();
    answer
        .path("devices")
        .forEach(d -> versions.put(d.path("deviceName").asString(), d.path("version").toString()));
    return versions;
  }

  private String versionOf(String deviceName) throws Exception {
    return body(get(devicePath(deviceName)))
        .path("versions")
        .path("default")
        .path("version")
        .asString();
  }

  /** Only the two devices of the set-up, counted as registered. */
  private void assertNothingStored() throws Exception {
    assertThat(deviceCollection.countDocuments(eq("productKey", product))).isEqualTo(2);
    assertThat(counts("default")).containsExactly(Map.entry("2.0.0", 1L));
  }

  /** version to device count of the module, in the answer's order. */
  private Map<String, Long> counts(String module) throws Exception {
    return versionCounts(product, module);
  }
}
