package io.upgradehub.inventory.device;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The sweep of changes left pending, on the real MongoDB-protocol server: a stop between storing a
 * device and counting its versions is simulated by making only the first write(s) directly.
 */
class PendingSweepIntegrationTests extends InventoryServiceIntegrationTest {

  @Autowired Devices devices;
  @Autowired VersionCounts versionCounts;
  @Autowired VersionCounting counting;
  @Autowired PendingSweep sweep;
  @Autowired ImportChunks chunks;

  private String product;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @BeforeEach
  void createProduct() throws Exception {
    product = uniqueKey("sweep");
    createProduct(product, "Sweep test product", "mcu");
  }

  @Test
  void sweepCountsARegistrationLeftPendingExactlyOnce() throws Exception {
    // stored, and the service stopped before counting
    devices.insert(device("cam-1", Map.of("default", "1.0.0", "mcu", "0.9")), "e-1");
    devices.insert(device("cam-2", Map.of("default", "1.0.0")), "e-2");
    devices.insert(device("cam-3", Map.of()), "e-3");
    assertThat(versionCounts.counts(product, "default")).isEmpty();

    assertThat(sweep.sweep()).isGreaterThanOrEqualTo(3);

    assertThat(versionCounts.counts(product, "default")).containsExactly(Map.entry("1.0.0", 2L));
    assertThat(versionCounts.counts(product, "mcu")).containsExactly(Map.entry("0.9", 1L));
    assertThat(pending("cam-1")).isEmpty();
    assertThat(pending("cam-2")).isEmpty();

    sweep.sweep();
    assertThat(versionCounts.counts(product, "default"))
        .as("sweeping again counts nothing again")
        .containsExactly(Map.entry("1.0.0", 2L));
  }

  @Test
  void changeMarkedPendingMoreRecentlyThanTheMinimumAgeIsLeftToItsReport() throws Exception {
    devices.insert(
        Device.register(
            new DeviceId(product, "old"), Map.of("default", "1.0.0"), now.minusSeconds(120)),
        "e-old");
    devices.insert(device("fresh", Map.of("default", "1.0.0")), "e-fresh");
    List<String> handed = new ArrayList<>();

    devices.forEachPending(
        now.minusSeconds(60), change -> handed.add(change.device().deviceName()));

    assertThat(handed).contains("old").doesNotContain("fresh");
    assertThat(pending("fresh")).containsExactly("default");
  }

  @Test
  void sweepClearsAChangeCountedButNotClearedWithoutCountingItAgain() throws Exception {
    devices.insert(device("cam-1", Map.of("default", "1.0.0")), "e-1");
    // counted, and the service stopped before clearing the device's mark
    assertThat(versionCounts.apply(change("cam-1", "e-1", "1.0.0"))).isTrue();
    assertThat(pending("cam-1")).containsExactly("default");

    sweep.sweep();

    assertThat(pending("cam-1")).isEmpty();
    assertThat(versionCounts.counts(product, "default")).containsExactly(Map.entry("1.0.0", 1L));
  }

  @Test
  void importChunkLeftOpenIsCountedBySweepForTheDevicesItStored() throws Exception {
    devices.insert(device("c", Map.of("default", "9.0")), "e-c");
    counting.count(change("c", "e-c", "9.0"));
    List<VersionChange> chunk =
        List.of(
            change("a", "k-1", "1.0.0"), change("b", "k-1", "2.0.0"), change("c", "k-1", "1.0.0"));
    // opened an hour ago, stored but for 'c' (registered before), then the service stopped
    chunks.open("k-1", product, now.minusSeconds(3600), chunk);
    assertThat(
            devices.insertChunk(
                List.of(
                    device("a", Map.of("default", "1.0.0")),
                    device("b", Map.of("default", "2.0.0")),
                    device("c", Map.of("default", "1.0.0"))),
                "k-1"))
        .containsExactly(2);

    sweep.sweep();
    sweep.sweep();

    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("1.0.0", 1L);
    expected.put("2.0.0", 1L);
    expected.put("9.0", 1L);
    assertThat(versionCounts.counts(product, "default")).containsExactlyEntriesOf(expected);
  }

  @Test
  void chunkCountedAgainIsNotCountedTwice() throws Exception {
    List<VersionChange> chunk = List.of(change("a", "k-1", "1.0.0"), change("b", "k-1", "1.0.0"));
    devices.insertChunk(
        List.of(device("a", Map.of("default", "1.0.0")), device("b", Map.of("default", "1.0.0"))),
        "k-1");

    versionCounts.applyChunk("k-1", chunk);
    versionCounts.applyChunk("k-1", chunk);

    assertThat(versionCounts.counts(product, "default")).containsExactly(Map.entry("1.0.0", 2L));
  }

  @Test
  void chunkOpenedRecentlyIsLeftToTheImportStoringIt() throws Exception {
    chunks.open("k-1", product, Instant.now(), List.of(change("a", "k-1", "1.0.0")));
    devices.insertChunk(List.of(device("a", Map.of("default", "1.0.0"))), "k-1");

    sweep.sweep();

    assertThat(versionCounts.counts(product, "default")).isEmpty();
    counting.countChunk("k-1", List.of(change("a", "k-1", "1.0.0")));
    assertThat(versionCounts.counts(product, "default")).containsExactly(Map.entry("1.0.0", 1L));
  }

  @Test
  void registrationCountedLateAfterTheDevicesNextChangeIsNotCountedAgain() throws Exception {
    devices.insert(device("cam-1", Map.of("default", "1.0.0")), "e-1");
    VersionChange registration = change("cam-1", "e-1", "1.0.0");
    counting.count(registration);
    VersionChange next =
        new VersionChange(
            UUID.randomUUID().toString(),
            new DeviceId(product, "cam-1"),
            "default",
            "1.0.0",
            "2.0.0",
            now.plusSeconds(1));
    versionCounts.apply(next);

    assertThat(versionCounts.apply(registration)).as("a stale count of the registration").isFalse();
    assertThat(versionCounts.counts(product, "default")).containsExactly(Map.entry("2.0.0", 1L));
  }

  @Test
  void importedDevicesLeftPendingAreCountedBySweep() throws Exception {
    HttpResponse<String> response =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    uri("/api/v1/products/" + product + "/devices/import"))
                .header("Content-Type", "text/csv")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "deviceName,default\nd-1,1.0\nd-2,1.0\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    // a later registration the service stopped before counting
    devices.insert(device("d-3", Map.of("default", "1.1")), "e-3");

    sweep.sweep();

    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("1.0", 2L);
    expected.put("1.1", 1L);
    assertThat(versionCounts.counts(product, "default")).containsExactlyEntriesOf(expected);
  }

  private Device device(String name, Map<String, String> versions) {
    return Device.register(new DeviceId(product, name), versions, now);
  }

  /** A first version of the default module. */
  private VersionChange change(String name, String eventId, String version) {
    return new VersionChange(eventId, new DeviceId(product, name), "default", null, version, now);
  }

  private List<String> pending(String name) {
    Document device = deviceCollection.find(eq("_id", product + "/" + name)).first();
    assertThat(device).isNotNull();
    return device.getList("pendingModules", String.class, List.of());
  }
}
