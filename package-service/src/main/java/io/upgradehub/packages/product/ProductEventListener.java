package io.upgradehub.packages.product;

import io.upgradehub.events.EventEnvelope;
import io.upgradehub.events.products.ProductRegistered;
import io.upgradehub.events.products.ProductTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@link KnownProducts} from inventory-service's product topic, in the consumer group {@code
 * package-service} (a new group reads from the earliest offset). A record that cannot be read is
 * logged and skipped; a failure to store one is retried until the store is back (see {@code
 * KafkaConfiguration}), so no product is lost.
 */
@Component
class ProductEventListener {

  private static final Logger log = LoggerFactory.getLogger(ProductEventListener.class);
  private static final TypeReference<EventEnvelope<ProductRegistered>> REGISTERED =
      new TypeReference<>() {};

  private final KnownProducts products;
  private final JsonMapper json;

  ProductEventListener(KnownProducts products, JsonMapper json) {
    this.products = products;
    this.json = json;
  }

  @KafkaListener(topics = ProductTopics.PRODUCT_EVENTS)
  void onProductEvent(String value) {
    ProductRegistered registered = read(value);
    if (registered != null) {
      products.apply(registered);
    }
  }

  /** The event's data, or null for another type or an unreadable record. */
  private ProductRegistered read(String value) {
    try {
      JsonNode envelope = json.readTree(value);
      if (!ProductRegistered.TYPE.equals(envelope.path("type").asString(""))) {
        return null; // a type this version does not know: not for it
      }
      ProductRegistered registered = json.readValue(value, REGISTERED).data();
      if (registered.productKey() == null || registered.at() == null) {
        throw new IllegalArgumentException("productKey and at are required");
      }
      return registered;
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      log.warn("Skipped an unreadable product event: {}", e.toString());
      return null;
    }
  }
}
