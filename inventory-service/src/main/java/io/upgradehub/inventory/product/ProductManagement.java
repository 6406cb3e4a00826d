package io.upgradehub.inventory.product;

import io.upgradehub.inventory.system.ErrorCode;
import io.upgradehub.inventory.system.Page;
import io.upgradehub.problems.ApiException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The product use cases: add, read, list; and the product lookup other features rely on. */
@Service
public class ProductManagement {

  /**
   * Products are never removed and their modules never change (v1), so a product once found stays
   * true: every device report looks its product up, and this saves that read. Bounded, since keys
   * come from devices' reports; absence is never kept (a product may be registered any time).
   */
  private static final int KNOWN_MAX = 10_000;

  private final Products products;
  private final Clock clock;
  private final Map<String, Product> known = new ConcurrentHashMap<>();

  ProductManagement(Products products, Clock clock) {
    this.products = products;
    this.clock = clock;
  }

  /**
   * @throws ApiException {@code VALIDATION_FAILED} for invalid fields, {@code
   *     PRODUCT_ALREADY_EXISTS} when the key is taken; nothing is stored in either case
   */
  Product create(NewProductRequest request) {
    Product product = Product.create(request.validate(), clock.instant());
    products.insert(product);
    return product;
  }

  /**
   * The product with this key.
   *
   * @throws ApiException {@code PRODUCT_NOT_FOUND} when there is none
   */
  public Product get(String productKey) {
    return find(productKey)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.PRODUCT_NOT_FOUND, "No product with key '" + productKey + "'"));
  }

  /**
   * The product with this key, when it has this module.
   *
   * @throws ApiException {@code PRODUCT_NOT_FOUND} when there is none, {@code UNKNOWN_MODULE} when
   *     it has no such module
   */
  public Product getWithModule(String productKey, String module) {
    Product product = get(productKey);
    if (!product.hasModule(module)) {
      throw new ApiException(
          ErrorCode.UNKNOWN_MODULE, "product '" + productKey + "' has no module '" + module + "'");
    }
    return product;
  }

  /** The product with this key, or empty when there is none. */
  public Optional<Product> find(String productKey) {
    Product product = known.get(productKey);
    if (product != null) {
      return Optional.of(product);
    }
    Optional<Product> found = products.find(productKey);
    if (found.isPresent() && known.size() < KNOWN_MAX) {
      known.put(productKey, found.get());
    }
    return found;
  }

  /**
   * @throws ApiException {@code INVALID_PARAMETER} for a negative page or a size out of range
   */
  Page<Product> list(@Nullable String name, int page, int size) {
    Page.checkParameters(page, size);
    return products.page(name, page, size);
  }
}
