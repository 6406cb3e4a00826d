package io.upgradehub.adapter.product;

import io.upgradehub.adapter.ingest.KnownProducts;
import io.upgradehub.events.products.ProductRegistered;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The platform's products and their modules, in memory, as {@link ProductTopicReader} read them
 * from inventory-service's product topic. Thread-safe; a lookup never blocks.
 */
@Component
public class ProductCatalog implements KnownProducts {

  private final Map<String, Set<String>> modulesByProduct = new ConcurrentHashMap<>();

  @Override
  public boolean hasProduct(String productKey) {
    return modulesByProduct.containsKey(productKey);
  }

  @Override
  public boolean hasModule(String productKey, String module) {
    return modulesByProduct.getOrDefault(productKey, Set.of()).contains(module);
  }

  /** Takes the product as the event states it; the latest event of a product wins. */
  void apply(ProductRegistered registered) {
    modulesByProduct.put(registered.productKey(), Set.copyOf(registered.modules()));
  }

  int size() {
    return modulesByProduct.size();
  }
}
