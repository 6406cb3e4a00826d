package io.upgradehub.campaign.inventory;

/** inventory-service does not know the product (or its module). */
public class UnknownProductException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean module;

  UnknownProductException(String message) {
    this(message, false);
  }

  UnknownProductException(String message, boolean module) {
    super(message);
    this.module = module;
  }

  /** Whether the product is known and only its module is not. */
  public boolean module() {
    return module;
  }
}
