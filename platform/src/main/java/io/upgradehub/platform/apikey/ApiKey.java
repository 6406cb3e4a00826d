package io.upgradehub.platform.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A gateway API key in clear, with the name and role the gateway knows it by. The gateway itself is
 * only ever given {@link #sha256Hex()}.
 *
 * @param name a label for logs, never null
 * @param role {@code admin}, {@code operator} or {@code viewer}, never null
 * @param key the secret, {@code uh_} followed by 43 base64url characters, never null
 */
public record ApiKey(String name, String role, String key) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public ApiKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(key, "key");
  }

  /** A new key of 32 random bytes. */
  public static ApiKey generate(String name, String role) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new ApiKey(
        name, role, "uh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The lowercase hex SHA-256 of the key's UTF-8 bytes: what the gateway compares against. */
  public String sha256Hex() {
    return sha256Hex(key);
  }

  /** The lowercase hex SHA-256 of {@code value}'s UTF-8 bytes. */
  public static String sha256Hex(String value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "ApiKey[name=" + name + ", role=" + role + "]";
  }
}
