package io.upgradehub.campaign.inventory;

/** inventory-service does not know the product (or its module). */
public class UnknownProductException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnknownProductException(String message) {
    super(message);
  }
}
