package io.upgradehub.bench;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A product's fleet imported through the gateway's bulk import ({@code POST
 * /api/v1/products/{key}/devices/import}, a CSV generated as it is sent, never held whole), timed,
 * with inventory-service's used heap sampled every 200 ms meanwhile.
 *
 * @param devices the devices sent
 * @param nanos how long the import took
 * @param answer inventory-service's answer
 * @param heapBefore inventory-service's used heap before, in bytes
 * @param heapPeak its peak during the import, in bytes
 */
record FleetImport(long devices, long nanos, String answer, long heapBefore, long heapPeak) {

  private static final long MIB = 1024 * 1024;

  /**
   * Registers product {@code productKey} (modules {@code default} and {@code mcu}) and imports the
   * CSV of {@code devices} devices that {@code csv} generates into it.
   *
   * @param inventory inventory-service's own base URL, for its heap
   * @throws IllegalStateException when the product or the import is refused
   */
  static FleetImport run(
      GatewayApi api, URI inventory, String productKey, long devices, Supplier<InputStream> csv) {
    api.createProduct(productKey);
    try (HeapSampler sampler = new HeapSampler(inventory, Duration.ofMillis(200))) {
      long heapBefore = sampler.usedHeap();
      sampler.start();
      long start = System.nanoTime();
      String answer = api.importDevices(productKey, csv);
      long nanos = System.nanoTime() - start;
      return new FleetImport(devices, nanos, answer, heapBefore, sampler.peak());
    }
  }

  /** Whether inventory-service created every device sent. */
  boolean createdAll() {
    return answer.contains("\"created\":" + devices + ",");
  }

  /** One line (and the answer on the next): duration, rate and inventory-service's heap. */
  String summary() {
    return String.format(
        "import of %,d devices through the gateway: %.1f s (%,.0f devices/s); inventory-service"
            + " heap used %d -> peak %d MiB%n  answer: %s",
        devices,
        nanos / 1e9,
        devices / (nanos / 1e9),
        heapBefore / MIB,
        heapPeak / MIB,
        GatewayApi.abbreviated(answer));
  }
}
