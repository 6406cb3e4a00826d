package io.upgradehub.inventory.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.events.devices.DeviceVersionReported;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Several changes of one device in one poll, whose log entries and counts are written when the poll
 * finishes: every change is logged once and counted once, in order, also when a report of the poll
 * is a repeat and when the poll is delivered again (the error handler's retry, or a stop before its
 * offsets were committed).
 */
class ReportPollIntegrationTests extends DeviceReportsTest {

  @Autowired DeviceReports reports;
  @Autowired VersionCounts versionCounts;

  @Test
  void changesOfOneDeviceInOnePollAreEachLoggedAndCountedOnceInOrder() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");
    register("cam-2", "{\"default\":\"1.0.0\"}");
    DeviceVersionReported second = versionReport("cam-1", "default", "2.0.0", "m-1", at(1));
    DeviceVersionReported third = versionReport("cam-1", "default", "3.0.0", "m-2", at(2));
    DeviceVersionReported other = versionReport("cam-2", "default", "2.0.0", "m-3", at(1));

    for (int delivery = 0; delivery < 2; delivery++) {
      ReportPoll poll = new ReportPoll();
      reports.versionReported(event("e-1"), second, poll);
      reports.versionReported(event("e-1"), second, poll); // the device repeated its message
      reports.versionReported(event("e-2"), third, poll);
      reports.versionReported(event("e-3"), other, poll);
      reports.finish(poll);
    }

    assertThat(versionCounts.counts(productKey, "default"))
        .containsOnly(Map.entry("2.0.0", 1L), Map.entry("3.0.0", 1L));
    JsonNode log = upgradeLog("cam-1", 0, 20);
    assertThat(log.path("items").values())
        .extracting(
            entry ->
                entry.path("fromVersion").asString("-") + ">" + entry.path("toVersion").asString())
        .containsExactly("2.0.0>3.0.0", "1.0.0>2.0.0");
    assertThat(device("cam-1").path("moduleFirmwareVersion").asString()).isEqualTo("3.0.0");
  }

  @Test
  void deviceReadAtTheStartOfThePollAndChangedSinceIsDecidedOnWhatIsStored() throws Exception {
    register("cam-1", "{\"default\":\"1.0.0\"}");
    ReportPoll poll = new ReportPoll();
    reports.start(poll, List.of(new DeviceId(productKey, "cam-1")));
    // another writer changes the device after the poll read it
    ReportPoll other = new ReportPoll();
    reports.versionReported(
        event("e-1"), versionReport("cam-1", "default", "2.0.0", "m-1", at(1)), other);
    reports.finish(other);

    reports.versionReported(
        event("e-2"), versionReport("cam-1", "default", "3.0.0", "m-2", at(2)), poll);
    reports.finish(poll);

    assertThat(versionCounts.counts(productKey, "default")).containsOnly(Map.entry("3.0.0", 1L));
    assertThat(upgradeLog("cam-1", 0, 20).path("items").get(0).path("fromVersion").asString())
        .as("the change is from the version stored, not from the one read")
        .isEqualTo("2.0.0");
  }

  /** Event ids are unique across the upgrade log of every test, as the adapter's are. */
  private String event(String name) {
    return productKey + "-" + name;
  }
}
