package io.upgradehub.platform.apikey;

import java.util.List;
import java.util.Objects;

/**
 * An API key as the gateway is configured with it: hashed.
 *
 * @param name a label, never null
 * @param role the key's role, never null
 * @param sha256 lowercase hex SHA-256 of the key, never null
 */
public record GatewayKey(String name, String role, String sha256) {

  public GatewayKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sha256, "sha256");
  }

  public static GatewayKey of(ApiKey key) {
    return new GatewayKey(key.name(), key.role(), key.sha256Hex());
  }

  /** The gateway's properties for this key at position {@code index} of its key list. */
  public List<String> properties(int index) {
    String prefix = "upgradehub.gateway.api-keys[" + index + "].";
    return List.of(prefix + "name=" + name, prefix + "role=" + role, prefix + "sha256=" + sha256);
  }
}
