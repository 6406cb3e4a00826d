package io.upgradehub.notification.address;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where webhooks may go (key {@code upgradehub.notifications.address-guard}).
 *
 * @param allowedRanges CIDR ranges ({@code 10.1.0.0/16}, {@code fd00::/8}) or single addresses that
 *     webhooks may reach although they are loopback, private, link-local or otherwise internal;
 *     empty (the default) allows none of them
 */
@ConfigurationProperties("upgradehub.notifications.address-guard")
public record AddressGuardProperties(List<String> allowedRanges) {

  public AddressGuardProperties {
    allowedRanges = allowedRanges == null ? List.of() : List.copyOf(allowedRanges);
  }
}
