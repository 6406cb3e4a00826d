package io.upgradehub.gateway.apikey;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an API key may do. The rules themselves live in the gateway's access policy. */
public enum Role {
  /** Everything, including managing API keys. */
  ADMIN,
  /** Everything except managing API keys. */
  OPERATOR,
  /** Read only: GET and HEAD. */
  VIEWER;

  /** The lower-case name used in JSON, configuration and the {@code X-UpgradeHub-Role} header. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named exactly {@code value} (lower case), or empty for anything else or null. */
  public static Optional<Role> fromValue(String value) {
    return Arrays.stream(values()).filter(role -> role.value().equals(value)).findFirst();
  }

  /** The accepted values, for error messages: {@code admin, operator, viewer}. */
  static String acceptedValues() {
    return Arrays.stream(values()).map(Role::value).collect(Collectors.joining(", "));
  }
}
