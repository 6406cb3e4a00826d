package io.upgradehub.packages.product;

import io.upgradehub.events.products.ProductRegistered;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a product known to package-service as its {@code product.registered} event would, without
 * Kafka: for the tests of rules other than the product check. The product list's own path through
 * Kafka is tested with {@code io.upgradehub.testsupport.ProductEvents}.
 */
public final class ProductFixture {

  private ProductFixture() {}

  /** Applies {@code product.registered} with the module {@code default} and {@code modules}. */
  public static void register(KnownProducts products, String productKey, String... modules) {
    List<String> names = new ArrayList<>(List.of("default"));
    for (String module : modules) {
      if (!names.contains(module)) {
        names.add(module);
      }
    }
    products.apply(new ProductRegistered(productKey, productKey, names, Instant.now()));
  }
}
