package io.upgradehub.inventory.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.inventory.InventoryServiceIntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The sweep as configured: on its own, soon after start and then periodically. The context is
 * closed after this class, so its sweep never settles what other classes leave pending on purpose.
 */
@DirtiesContext
@TestPropertySource(
    properties = {
      "upgradehub.inventory.pending-sweep.enabled=true",
      "upgradehub.inventory.pending-sweep.initial-delay=0s",
      "upgradehub.inventory.pending-sweep.interval=200ms"
    })
class PendingSweepSchedulingIntegrationTests extends InventoryServiceIntegrationTest {

  @Autowired Devices devices;
  @Autowired VersionCounts versionCounts;
  @Autowired PendingSweep sweep;

  @Test
  void enabledSweepRunsInTheBackgroundAndCountsWhatIsLeftPending() throws Exception {
    String product = uniqueKey("swept");
    createProduct(product, "Swept product");
    assertThat(sweep.isRunning()).isTrue();

    // stored, and the service stopped before counting
    devices.insert(
        Device.register(new DeviceId(product, "cam-1"), Map.of("default", "1.0.0"), Instant.now()),
        "e-1");

    await(
        "the background sweep",
        () -> versionCounts.counts(product, "default").equals(Map.of("1.0.0", 1L)));
  }
}
