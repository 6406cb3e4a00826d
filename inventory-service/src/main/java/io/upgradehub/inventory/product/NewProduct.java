package io.upgradehub.inventory.product;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A validated request to add a product: name trimmed, modules distinct with {@code default}. */
record NewProduct(
    String productKey, String name, @Nullable String description, List<ProductModule> modules) {}
