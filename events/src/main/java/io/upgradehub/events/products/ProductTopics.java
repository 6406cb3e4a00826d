package io.upgradehub.events.products;

/** Kafka topics inventory-service publishes product facts to. */
public final class ProductTopics {

  /**
   * Every product event, keyed by product key. The topic is compacted (never deleted by age), so a
   * consumer that reads it from the beginning learns every product: package-service and
   * device-adapter keep their own product lists from it and never ask inventory-service.
   */
  public static final String PRODUCT_EVENTS = "upgradehub.product-events";

  /** The service name carried in {@code EventEnvelope.source}. */
  public static final String SOURCE = "inventory-service";

  /** Partitions of {@link #PRODUCT_EVENTS}; the topic is compacted. */
  public static final int PARTITIONS = 3;

  private ProductTopics() {}
}
