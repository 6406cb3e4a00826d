package io.upgradehub.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A notification's token: the secret its messages are signed with (HMAC-SHA256, as the Standard
 * Webhooks specification does it). The platform generates {@code whsec_} and 32 random bytes in
 * base64; a supplied token is either that form (at least 24 bytes) or a plain text of at least
 * {@value #MIN_TEXT} printable ASCII characters, whose UTF-8 bytes are the key.
 */
public final class WebhookToken {

  static final String PREFIX = "whsec_";
  static final int MIN_KEY_BYTES = 24;
  static final int MIN_TEXT = 32;
  static final int MAX_TEXT = 256;

  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookToken() {}

  /** A new token: {@code whsec_} and 32 random bytes in base64. */
  static String generate() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** Why {@code token} may not be used, completing "token ...", or empty when it may. */
  static Optional<String> problem(String token) {
    if (token.length() > MAX_TEXT) {
      return Optional.of("must be at most " + MAX_TEXT + " characters");
    }
    if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      return Optional.of("must be printable ASCII without spaces");
    }
    if (token.startsWith(PREFIX)) {
      try {
        if (Base64.getDecoder().decode(token.substring(PREFIX.length())).length < MIN_KEY_BYTES) {
          return Optional.of("must carry at least " + MIN_KEY_BYTES + " bytes after 'whsec_'");
        }
        return Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.of("must be base64 after 'whsec_'");
      }
    }
    return token.length() < MIN_TEXT
        ? Optional.of("must be at least " + MIN_TEXT + " characters (or whsec_ and base64)")
        : Optional.empty();
  }

  /** The HMAC key of a valid token: the decoded bytes of a {@code whsec_} token, else its text. */
  public static byte[] key(String token) {
    return token.startsWith(PREFIX)
        ? Base64.getDecoder().decode(token.substring(PREFIX.length()))
        : token.getBytes(StandardCharsets.UTF_8);
  }

  /** What the API shows of a stored token: its first 6 and last 4 characters. */
  static String hint(String token) {
    return token.substring(0, Math.min(6, token.length()))
        + "…"
        + token.substring(Math.max(token.length() - 4, 6));
  }
}
