package io.upgradehub.notification.delivery;

/**
 * Where a message stands: {@code PENDING} (no attempt yet) → {@code DELIVERED}, or {@code RETRYING}
 * (an attempt failed, another is scheduled) → … → {@code DELIVERED} or {@code DEAD} (every attempt
 * failed); {@code FAILED} when retrying cannot help (the receiver answered 410 Gone, the address is
 * refused, the notification was disabled or deleted). {@code FAILED} and {@code DEAD} records can
 * be replayed.
 */
public enum DeliveryStatus {
  PENDING,
  DELIVERED,
  RETRYING,
  FAILED,
  DEAD;

  /** Whether an attempt is still to come. */
  boolean isOpen() {
    return this == PENDING || this == RETRYING;
  }
}
