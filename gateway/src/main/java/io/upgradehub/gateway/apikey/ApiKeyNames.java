package io.upgradehub.gateway.apikey;

import java.util.regex.Pattern;

/** The rule for API key names, shared by configured and created keys. */
final class ApiKeyNames {

  static final int MAX_LENGTH = 64;

  // names end up in headers and logs, so a closed alphabet keeps them safe there
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private ApiKeyNames() {}

  static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }
}
