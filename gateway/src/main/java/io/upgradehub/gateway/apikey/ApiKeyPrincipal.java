package io.upgradehub.gateway.apikey;

import java.util.Objects;

/**
 * Who a request comes from once its API key was recognised. The services receive it as the headers
 * {@value #NAME_HEADER} and {@value #ROLE_HEADER}, which the gateway always sets itself: copies a
 * client sends are removed first, so the services may trust them.
 *
 * @param name the key's name, never null
 * @param role the key's role, never null
 */
public record ApiKeyPrincipal(String name, Role role) {

  /** The key's name, towards the services. */
  public static final String NAME_HEADER = "X-UpgradeHub-Principal";

  /** The key's role ({@link Role#value()}), towards the services. */
  public static final String ROLE_HEADER = "X-UpgradeHub-Role";

  public ApiKeyPrincipal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
