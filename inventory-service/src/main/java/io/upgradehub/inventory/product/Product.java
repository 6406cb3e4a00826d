package io.upgradehub.inventory.product;

import io.upgradehub.events.products.ProductRegistered;
import io.upgradehub.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A kind of device and the modules whose firmware the platform upgrades separately; every product
 * has the module {@value #DEFAULT_MODULE} (the module firmware).
 *
 * @param productKey the product's key, unique, 1-64 of A-Z a-z 0-9 _ -
 * @param name shown to operators, 1-64 characters
 * @param description optional, at most 1000 characters
 * @param modules the product's modules, names distinct, always including {@value #DEFAULT_MODULE}
 * @param createdAt when the product was added
 */
public record Product(
    String productKey,
    String name,
    @Nullable String description,
    List<ProductModule> modules,
    Instant createdAt) {

  /** The module firmware every device of every product has. */
  public static final String DEFAULT_MODULE = "default";

  /** The MCU software, the second column of the spec's device list. */
  public static final String MCU_MODULE = "mcu";

  public Product {
    Objects.requireNonNull(productKey, "productKey");
    Objects.requireNonNull(name, "name");
    modules = List.copyOf(modules);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  static Product create(NewProduct spec, Instant now) {
    return new Product(spec.productKey(), spec.name(), spec.description(), spec.modules(), now);
  }

  /** The event that tells the other services this product exists, published with its insert. */
  PendingEvent registered() {
    return new PendingEvent(
        ProductRegistered.TYPE,
        ProductRegistered.VERSION,
        new ProductRegistered(
            productKey, name, modules.stream().map(ProductModule::name).toList(), createdAt));
  }

  /** Whether this product has a module of exactly this name. */
  public boolean hasModule(String module) {
    return modules.stream().anyMatch(m -> m.name().equals(module));
  }
}
