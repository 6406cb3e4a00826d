package io.upgradehub.inventory.device;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import io.upgradehub.events.devices.DeviceConnected;
import io.upgradehub.events.devices.DeviceDisconnected;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceVersionReported;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Device reports published to a real Kafka broker as device-adapter publishes them (an envelope in
 * JSON, keyed by the device) and applied to the real MongoDB-protocol server. Every wait is a poll
 * with a deadline; "nothing changed" is checked after a later event of the same device (same key,
 * same partition, so processed after it) became visible.
 */
class DeviceReportsIntegrationTests extends DeviceReportsTest {

  @Autowired MongoCollection<Document> upgradeLogCollection;

  @Test
  void versionReportUpdatesTheDeviceAndLogsTheChange() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");

    String firmware = version("cam-1", "default", "2.0.0", at(1));
    version("cam-1", "mcu", "0.9", at(2));

    await(
        "both versions",
        () -> {
          JsonNode device = device("cam-1");
          return "2.0.0".equals(device.path("moduleFirmwareVersion").asString())
              && "0.9".equals(device.path("mcuVersion").asString());
        });
    JsonNode device = device("cam-1");
    assertThat(Instant.parse(device.path("versionUpdatedAt").asString())).isEqualTo(at(2));
    assertThat(Instant.parse(device.path("versions").path("default").path("updatedAt").asString()))
        .isEqualTo(at(1));
    JsonNode log = upgradeLog("cam-1", 0, 20);
    assertThat(log.path("total").asLong()).isEqualTo(2);
    JsonNode oldest = log.path("items").get(1);
    assertThat(oldest.path("kind").asString()).isEqualTo("VERSION_CHANGED");
    assertThat(oldest.path("module").asString()).isEqualTo("default");
    assertThat(oldest.path("fromVersion").asString()).isEqualTo("1.0.0");
    assertThat(oldest.path("toVersion").asString()).isEqualTo("2.0.0");
    assertThat(Instant.parse(oldest.path("at").asString())).isEqualTo(at(1));
    assertThat(upgradeLogCollection.find(new Document("_id", firmware)).first())
        .as("the entry's id is the event's")
        .isNotNull();
    assertThat(log.path("items").get(0).path("fromVersion").isNull()).isTrue();
  }

  @Test
  void repeatedEventChangesNothing() throws Exception {
    register("cam-1", "{}");
    DeviceVersionReported report = versionReport("cam-1", "default", "2.0.0", "m-1", at(1));
    publish(DeviceVersionReported.TYPE, "m-1", report);
    publish(DeviceVersionReported.TYPE, "m-1", report);
    connected("cam-1", "m-2", at(2));

    await("the later connect", () -> device("cam-1").path("online").asBoolean());
    JsonNode device = device("cam-1");
    assertThat(device.path("moduleFirmwareVersion").asString()).isEqualTo("2.0.0");
    assertThat(Instant.parse(device.path("versionUpdatedAt").asString())).isEqualTo(at(1));
    assertThat(upgradeLog("cam-1", 0, 20).path("total").asLong()).isEqualTo(1);
  }

  @Test
  void olderReportChangesNothing() throws Exception {
    register("cam-1", "{}");
    version("cam-1", "default", "3.0.0", at(3));
    version("cam-1", "default", "2.0.0", at(2));
    connected("cam-1", "m-c", at(4));

    await("the later connect", () -> device("cam-1").path("online").asBoolean());
    JsonNode device = device("cam-1");
    assertThat(device.path("moduleFirmwareVersion").asString()).isEqualTo("3.0.0");
    assertThat(Instant.parse(device.path("versionUpdatedAt").asString())).isEqualTo(at(3));
    JsonNode log = upgradeLog("cam-1", 0, 20);
    assertThat(log.path("total").asLong()).isEqualTo(1);
    assertThat(log.path("items").get(0).path("toVersion").asString()).isEqualTo("3.0.0");
  }

  @Test
  void sameVersionReportedAgainLaterIsNoChangeButOrdersLaterReports() throws Exception {
    register("cam-1", "{}");
    version("cam-1", "default", "2.0.0", at(1));
    version("cam-1", "default", "2.0.0", at(5));
    // older than the last report, newer than the change: the device ran 2.0.0 at 5
    version("cam-1", "default", "1.0.0", at(3));
    connected("cam-1", "m-c", at(6));

    await("the later connect", () -> device("cam-1").path("online").asBoolean());
    JsonNode device = device("cam-1");
    assertThat(device.path("moduleFirmwareVersion").asString()).isEqualTo("2.0.0");
    assertThat(Instant.parse(device.path("versionUpdatedAt").asString()))
        .as("the version did not change at 5")
        .isEqualTo(at(1));
    assertThat(upgradeLog("cam-1", 0, 20).path("total").asLong()).isEqualTo(1);
  }

  @Test
  void reportOfAnUnknownDeviceOfAKnownProductRegistersIt() throws Exception {
    assertThat(get(devicePath("new-1")).statusCode()).isEqualTo(404);

    version("new-1", "default", "1.4.0", at(1));

    await("the device", () -> get(devicePath("new-1")).statusCode() == 200);
    JsonNode device = device("new-1");
    assertThat(device.path("moduleFirmwareVersion").asString()).isEqualTo("1.4.0");
    assertThat(device.path("totalUpgrades").asLong()).isZero();
    JsonNode entry = upgradeLog("new-1", 0, 20).path("items").get(0);
    assertThat(entry.path("fromVersion").isNull()).isTrue();
    assertThat(entry.path("toVersion").asString()).isEqualTo("1.4.0");
  }

  @Test
  void connectOfAnUnknownDeviceOfAKnownProductRegistersItOnline() throws Exception {
    connected("new-2", "m-1", at(1));

    await("the device", () -> get(devicePath("new-2")).statusCode() == 200);
    await("online", () -> device("new-2").path("online").asBoolean());
    assertThat(device("new-2").path("moduleFirmwareVersion").isNull()).isTrue();
  }

  @Test
  void reportForAnUnknownProductIsCountedAndSkipped() throws Exception {
    double before = ignored("unknown-product");
    String unknownProduct = uniqueKey("nope");
    publish(
        DeviceVersionReported.TYPE,
        "m-1",
        new DeviceVersionReported(
            unknownProduct, "cam-1", "default", "1.0.0", "m-1", at(1), at(1)));

    await("the count", () -> ignored("unknown-product") > before);
    assertProblem(
        get("/api/v1/products/" + unknownProduct + "/devices/cam-1"), 404, "PRODUCT_NOT_FOUND");
  }

  @Test
  void reportOfAModuleTheProductDoesNotHaveIsCountedAndSkipped() throws Exception {
    register("cam-1", "{}");
    double before = ignored("unknown-module");
    version("cam-1", "wifi", "1.0.0", at(1));
    connected("cam-1", "m-c", at(2));

    await("the later connect", () -> device("cam-1").path("online").asBoolean());
    assertThat(ignored("unknown-module")).isGreaterThan(before);
    assertThat(device("cam-1").path("versions").has("wifi")).isFalse();
  }

  @Test
  void disconnectOlderThanTheLastConnectChangesNothing() throws Exception {
    register("cam-1", "{}");
    Instant received = at(20);
    publish(
        DeviceConnected.TYPE,
        "c-2",
        new DeviceConnected(productKey, "cam-1", "c-2", at(2), received));
    // the will of the connection before, arriving late
    publish(
        DeviceDisconnected.TYPE,
        "d-1",
        new DeviceDisconnected(productKey, "cam-1", "d-1", at(1), at(21)));
    version("cam-1", "default", "5.0.0", at(3));

    await(
        "the later version",
        () -> "5.0.0".equals(device("cam-1").path("moduleFirmwareVersion").asString()));
    JsonNode device = device("cam-1");
    assertThat(device.path("online").asBoolean()).as("still connected").isTrue();
    assertThat(Instant.parse(device.path("lastSeenAt").asString()))
        .as("a late will says nothing of the device now")
        .isEqualTo(received);

    // the disconnect of this connection carries its time
    publish(
        DeviceDisconnected.TYPE,
        "d-2",
        new DeviceDisconnected(productKey, "cam-1", "d-2", at(2), at(30)));
    await("offline", () -> !device("cam-1").path("online").asBoolean());
    assertThat(Instant.parse(device("cam-1").path("lastSeenAt").asString())).isEqualTo(at(30));

    // a repeated connect of the ended connection does not bring it back
    publish(
        DeviceConnected.TYPE,
        "c-2",
        new DeviceConnected(productKey, "cam-1", "c-2", at(2), received));
    version("cam-1", "default", "6.0.0", at(4));
    await(
        "the later version",
        () -> "6.0.0".equals(device("cam-1").path("moduleFirmwareVersion").asString()));
    assertThat(device("cam-1").path("online").asBoolean()).isFalse();
  }

  @Test
  void poisonRecordsAreCountedAndSkippedAndTheNextOneIsApplied() throws Exception {
    register("cam-1", "{}");
    double unreadable = ignored("unreadable");
    double unknownType = ignored("unknown-type");
    String key = new DeviceKey(productKey, "cam-1").value();
    send(key, "this is not JSON {");
    send(key, "{\"id\":\"x\"}");
    send(
        key,
        """
        {"id":"%s","type":"device.version-reported","version":1,"source":"device-adapter",
         "time":"2026-01-01T00:00:00Z","subject":"%s","data":{"productKey":"%s"}}
        """
            .formatted(UUID.randomUUID(), key, productKey));
    send(
        key,
        """
        {"id":"%s","type":"device.exploded","version":1,"source":"device-adapter",
         "time":"2026-01-01T00:00:00Z","subject":"%s","data":{}}
        """
            .formatted(UUID.randomUUID(), key));
    version("cam-1", "default", "7.0.0", at(1));

    await(
        "the valid report after the poison",
        () -> "7.0.0".equals(device("cam-1").path("moduleFirmwareVersion").asString()));
    assertThat(ignored("unreadable")).isGreaterThanOrEqualTo(unreadable + 3);
    assertThat(ignored("unknown-type")).isGreaterThanOrEqualTo(unknownType + 1);
  }

  @Test
  void upgradeLogIsPagedNewestFirst() throws Exception {
    register("cam-1", "{}");
    version("cam-1", "default", "1.0.0", at(1));
    version("cam-1", "default", "2.0.0", at(2));
    version("cam-1", "default", "3.0.0", at(3));

    await("three entries", () -> upgradeLog("cam-1", 0, 20).path("total").asLong() == 3);
    JsonNode first = upgradeLog("cam-1", 0, 2);
    assertThat(first.path("items")).hasSize(2);
    assertThat(first.path("size").asInt()).isEqualTo(2);
    assertThat(first.path("items").get(0).path("toVersion").asString()).isEqualTo("3.0.0");
    assertThat(first.path("items").get(0).path("fromVersion").asString()).isEqualTo("2.0.0");
    assertThat(first.path("items").get(1).path("toVersion").asString()).isEqualTo("2.0.0");
    JsonNode second = upgradeLog("cam-1", 1, 2);
    assertThat(second.path("items")).hasSize(1);
    assertThat(second.path("items").get(0).path("toVersion").asString()).isEqualTo("1.0.0");
    assertThat(second.path("total").asLong()).isEqualTo(3);
  }

  @Test
  void upgradeLogOfAnUnknownDeviceOrProductIsNotFound() throws Exception {
    assertProblem(get(devicePath("ghost") + "/upgrade-log"), 404, "DEVICE_NOT_FOUND");
    assertProblem(
        get("/api/v1/products/" + uniqueKey("nope") + "/devices/ghost/upgrade-log"),
        404,
        "PRODUCT_NOT_FOUND");
    register("cam-1", "{}");
    assertProblem(get(devicePath("cam-1") + "/upgrade-log?size=0"), 400, "INVALID_PARAMETER");
    JsonNode empty = upgradeLog("cam-1", 0, 20);
    assertThat(empty.path("items")).isEmpty();
    assertThat(empty.path("total").asLong()).isZero();
  }
}
