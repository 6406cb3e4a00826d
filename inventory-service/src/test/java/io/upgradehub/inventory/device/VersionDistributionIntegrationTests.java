package io.upgradehub.inventory.device;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceVersionReported;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The version distribution over HTTP, kept from registrations and from device reports published to
 * a real Kafka broker, on the real MongoDB-protocol server. Every wait is a poll with a deadline;
 * "nothing changed" is checked after a later event of the same device (same key, same partition, so
 * processed after it) became visible. A stop between the two writes of a count is simulated by
 * making the first write directly.
 */
class VersionDistributionIntegrationTests extends DeviceReportsTest {

  @Autowired Devices devices;
  @Autowired VersionCounts versionCounts;

  @Test
  void registrationsCountTheirVersionsPerModule() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\",\"mcu\":\"0.9\"}");
    register("cam-2", "{\"default\":\"1.0.0\"}");
    register("cam-3", "{\"default\":\"2.0.0\"}");
    register("cam-4", "{}");

    JsonNode firmware = distribution("");
    assertThat(firmware.path("productKey").asString()).isEqualTo(productKey);
    assertThat(firmware.path("module").asString()).as("the default module").isEqualTo("default");
    assertThat(firmware.path("total").asLong()).isEqualTo(3);
    assertThat(counts(firmware)).containsExactly(Map.entry("1.0.0", 2L), Map.entry("2.0.0", 1L));
    assertThat(shares(firmware))
        .containsExactly(Map.entry("1.0.0", 66.7), Map.entry("2.0.0", 33.3));
    assertThat(firmware.path("versions").get(0).path("module").asString()).isEqualTo("default");

    assertThat(pending("cam-1", "default")).as("counted, so no longer pending").isFalse();
    JsonNode mcu = distribution("?module=mcu");
    assertThat(mcu.path("total").asLong()).isEqualTo(1);
    assertThat(shares(mcu)).containsExactly(Map.entry("0.9", 100.0));
  }

  @Test
  void equalCountsShareOneHundredWithTheSpareTenthOnTheFirst() throws Exception {
    register("a", "{\"default\":\"1.0\"}");
    register("b", "{\"default\":\"2.0\"}");
    register("c", "{\"default\":\"3.0\"}");

    assertThat(shares(distribution("?module=default")))
        .containsExactly(Map.entry("1.0", 33.4), Map.entry("2.0", 33.3), Map.entry("3.0", 33.3));
  }

  @Test
  void versionReportMovesTheDeviceFromItsOldVersionToTheNewOne() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");
    register("cam-2", "{\"default\":\"1.0.0\"}");

    version("cam-1", "default", "2.0.0", at(1));

    await("the move", () -> counts(distribution("")).containsKey("2.0.0"));
    JsonNode moved = distribution("");
    assertThat(moved.path("total").asLong()).isEqualTo(2);
    assertThat(shares(moved)).containsExactly(Map.entry("1.0.0", 50.0), Map.entry("2.0.0", 50.0));
    await("the change no longer pending on the device", () -> !pending("cam-1", "default"));
  }

  @Test
  void reportOfAnUnknownDeviceCountsItFromNoVersion() throws Exception {
    version("new-1", "default", "1.4.0", at(1));

    await("the count", () -> distribution("").path("total").asLong() == 1);
    assertThat(counts(distribution(""))).containsExactly(Map.entry("1.4.0", 1L));
  }

  @Test
  void repeatedEventChangesNoCount() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");
    DeviceVersionReported report = versionReport("cam-1", "default", "2.0.0", "m-1", at(1));
    publish(DeviceVersionReported.TYPE, "m-1", report);
    publish(DeviceVersionReported.TYPE, "m-1", report);
    connected("cam-1", at(2));

    await("the later connect", () -> device("cam-1").path("online").asBoolean());
    JsonNode after = distribution("");
    assertThat(after.path("total").asLong()).isEqualTo(1);
    assertThat(counts(after)).containsExactly(Map.entry("2.0.0", 1L));
  }

  @Test
  void olderReportChangesNoCount() throws Exception {
    register("cam-1", "{}");
    version("cam-1", "default", "3.0.0", at(3));
    version("cam-1", "default", "2.0.0", at(2));
    connected("cam-1", at(4));

    await("the later connect", () -> device("cam-1").path("online").asBoolean());
    assertThat(counts(distribution(""))).containsExactly(Map.entry("3.0.0", 1L));
  }

  @Test
  void productWithoutDevicesOnTheModuleHasAnEmptyDistribution() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");

    JsonNode mcu = distribution("?module=mcu");
    assertThat(mcu.path("total").asLong()).isZero();
    assertThat(mcu.path("versions")).isEmpty();
  }

  @Test
  void unknownProductIsNotFoundAndUnknownModuleIsUnprocessable() throws Exception {
    assertProblem(
        get("/api/v1/products/" + uniqueKey("nope") + "/version-distribution"),
        404,
        "PRODUCT_NOT_FOUND");
    assertProblem(
        get("/api/v1/products/" + productKey + "/version-distribution?module=wifi"),
        422,
        "UNKNOWN_MODULE");
  }

  @Test
  void eventRedeliveredAfterAStopBeforeTheCountIsCountedExactlyOnce() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");
    DeviceVersionReported report = versionReport("cam-1", "default", "2.0.0", "m-1", at(1));
    String eventId = eventId("cam-1", "m-1");
    // the service stopped after the device's update, before the count
    assertThat(
            devices.applyVersion(
                new DeviceId(productKey, "cam-1"),
                "default",
                "2.0.0",
                at(1),
                eventId,
                Instant.now(),
                change -> {},
                null))
        .isPresent();
    assertThat(counts(distribution(""))).containsExactly(Map.entry("1.0.0", 1L));

    publish(DeviceVersionReported.TYPE, "m-1", report); // redelivered

    await("the count", () -> counts(distribution("")).containsKey("2.0.0"));
    publish(DeviceVersionReported.TYPE, "m-1", report); // and once more
    connected("cam-1", at(2));
    await("the later connect", () -> device("cam-1").path("online").asBoolean());
    JsonNode after = distribution("");
    assertThat(after.path("total").asLong()).isEqualTo(1);
    assertThat(counts(after)).containsExactly(Map.entry("2.0.0", 1L));
  }

  @Test
  void eventRedeliveredAfterAStopBetweenTheCountAndItsClearingIsNotCountedAgain() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");
    DeviceVersionReported report = versionReport("cam-1", "default", "2.0.0", "m-1", at(1));
    DeviceId id = new DeviceId(productKey, "cam-1");
    // the service stopped after the count, before the device's pending change was cleared
    VersionChange change =
        devices
            .applyVersion(
                id,
                "default",
                "2.0.0",
                at(1),
                eventId("cam-1", "m-1"),
                Instant.now(),
                c -> {},
                null)
            .orElseThrow();
    assertThat(versionCounts.apply(change)).isTrue();
    assertThat(versionCounts.apply(change)).as("counting again is a no-op").isFalse();

    publish(DeviceVersionReported.TYPE, "m-1", report); // redelivered
    version("cam-1", "default", "3.0.0", at(3));

    await("the later version", () -> counts(distribution("")).containsKey("3.0.0"));
    JsonNode after = distribution("");
    assertThat(after.path("total").asLong()).isEqualTo(1);
    assertThat(counts(after)).containsExactly(Map.entry("3.0.0", 1L));
  }

  @Test
  void newerChangeCountsAPendingEarlierChangeFirst() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");
    // stopped before counting 1.0.0 -> 2.0.0, and that event is never delivered again
    devices.applyVersion(
        new DeviceId(productKey, "cam-1"),
        "default",
        "2.0.0",
        at(1),
        eventId("cam-1", "m-lost"),
        Instant.now(),
        c -> {},
        null);

    version("cam-1", "default", "3.0.0", at(3));

    await("the later version", () -> counts(distribution("")).containsKey("3.0.0"));
    JsonNode after = distribution("");
    assertThat(after.path("total").asLong()).isEqualTo(1);
    assertThat(counts(after)).containsExactly(Map.entry("3.0.0", 1L));
  }

  /** Whether the device document still marks the module's last change as not counted. */
  private boolean pending(String deviceName, String module) {
    Document device =
        deviceCollection.find(new Document("_id", productKey + "/" + deviceName)).first();
    assertThat(device).isNotNull();
    return device
        .get("versions", Document.class)
        .get(module, Document.class)
        .getBoolean("pending", false);
  }

  private JsonNode distribution(String query) throws Exception {
    HttpResponse<String> response =
        get("/api/v1/products/" + productKey + "/version-distribution" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return body(response);
  }

  /** version to device count, in the answer's order. */
  private static Map<String, Long> counts(JsonNode distribution) {
    Map<String, Long> counts = new LinkedHashMap<>();
    distribution
        .path("versions")
        .forEach(v -> counts.put(v.path("version").asString(), v.path("deviceCount").asLong()));
    return counts;
  }

  /** version to share, in the answer's order. */
  private static Map<String, Double> shares(JsonNode distribution) {
    Map<String, Double> shares = new LinkedHashMap<>();
    distribution
        .path("versions")
        .forEach(v -> shares.put(v.path("version").asString(), v.path("share").asDouble()));
    return shares;
  }

  private String eventId(String deviceName, String messageId) {
    return new DeviceKey(productKey, deviceName)
        .eventId(DeviceVersionReported.TYPE, messageId)
        .toString();
  }

  private void connected(String deviceName, Instant reportedAt) throws Exception {
    connected(deviceName, UUID.randomUUID().toString(), reportedAt);
  }
}
