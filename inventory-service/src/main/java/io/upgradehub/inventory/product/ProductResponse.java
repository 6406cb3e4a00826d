package io.upgradehub.inventory.product;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A product as the API shows it. */
record ProductResponse(
    String productKey,
    String name,
    @Nullable String description,
    List<ProductModule> modules,
    Instant createdAt) {

  static ProductResponse of(Product p) {
    return new ProductResponse(
        p.productKey(), p.name(), p.description(), p.modules(), p.createdAt());
  }
}
