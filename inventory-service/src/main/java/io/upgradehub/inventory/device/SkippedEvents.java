package io.upgradehub.inventory.device;

import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.inventory.product.Product;
import io.upgradehub.inventory.product.ProductManagement;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The events of every topic this service consumes that are skipped: counted in {@value
 * DeviceReports#IGNORED} by reason and logged with their id; and the product check that comes first
 * for each of them, which skips an event of an unknown product or module.
 */
@Component
class SkippedEvents {

  private static final Logger log = LoggerFactory.getLogger(SkippedEvents.class);

  private final ProductManagement products;
  private final MeterRegistry meters;

  SkippedEvents(ProductManagement products, MeterRegistry meters) {
    this.products = products;
    this.meters = meters;
  }

  /**
   * Counts and logs a skipped event.
   *
   * @param kind what the event is, for the log ("device", "job")
   */
  void skip(String kind, String reason, String eventId, String why) {
    meters.counter(DeviceReports.IGNORED, "reason", reason).increment();
    log.warn("Skipped {} event {} ({}): {}", kind, eventId, reason, why);
  }

  /**
   * The event's product when it is known and, unless {@code module} is null, has that module;
   * otherwise empty, the event skipped as {@code unknown-product} or {@code unknown-module}.
   */
  Optional<Product> product(
      String kind, String eventId, String productKey, @Nullable String module) {
    Optional<Product> product = products.find(productKey);
    if (product.isEmpty()) {
      skip(kind, "unknown-product", eventId, "no product '" + productKey + "'");
    } else if (module != null && !product.get().hasModule(module)) {
      skip(
          kind,
          "unknown-module",
          eventId,
          "product '" + productKey + "' has no module '" + module + "'");
      return Optional.empty();
    }
    return product;
  }
}
