package io.upgradehub.inventory.product;

import io.upgradehub.inventory.system.ErrorCode;
import io.upgradehub.inventory.system.Page;
import io.upgradehub.problems.ApiException;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The product use cases: add, read, list; and the product lookup other features rely on. */
@Service
public class ProductManagement {

  private final Products products;
  private final Clock clock;

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
    return products
        .find(productKey)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.PRODUCT_NOT_FOUND, "No product with key '" + productKey + "'"));
  }

  /** The product with this key, or empty when there is none. */
  public Optional<Product> find(String productKey) {
    return products.find(productKey);
  }

  /**
   * @throws ApiException {@code INVALID_PARAMETER} for a negative page or a size out of range
   */
  Page<Product> list(@Nullable String name, int page, int size) {
    Page.checkParameters(page, size);
    return products.page(name, page, size);
  }
}
