package io.upgradehub.notification.address;

import java.net.UnknownHostException;

/**
 * A webhook's URL or one of the addresses its host resolves to is not allowed. An {@link
 * UnknownHostException} so that the HTTP client fails the connection the way it fails an unknown
 * host, before any byte is sent.
 */
public final class RefusedAddressException extends UnknownHostException {

  private static final long serialVersionUID = 1L;

  private final boolean unresolvable;

  RefusedAddressException(String message, boolean unresolvable) {
    super(message);
    this.unresolvable = unresolvable;
  }

  /**
   * True when the host could not be resolved at all, false when it resolved to a refused address.
   */
  public boolean unresolvable() {
    return unresolvable;
  }
}
