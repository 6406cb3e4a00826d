package io.upgradehub.campaign.inventory;

/** inventory-service could not answer (unreachable, failing, or its breaker open). */
public class InventoryUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InventoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
