package io.upgradehub.events.products;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A product was added to the inventory. Products are never removed and their modules never change
 * in v1, so this one event is all a consumer needs; the latest one per key wins.
 *
 * @param productKey the product's key, 1–64 of {@code A-Z a-z 0-9 _ -}
 * @param name shown to operators
 * @param modules the names of the product's modules, always including {@code default}
 * @param at when the product was added
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductRegistered(String productKey, String name, List<String> modules, Instant at) {

  public static final String TYPE = "product.registered";
  public static final int VERSION = 1;

  public ProductRegistered {
    modules = List.copyOf(modules);
  }
}
