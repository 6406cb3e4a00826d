package io.upgradehub.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Makes new API keys and the digests under which keys are stored and compared. */
final class ApiKeySecrets {

  /** Marks a key as UpgradeHub's, which also lets secret scanners recognise a leaked one. */
  static final String PREFIX = "uh_";

  /** How much of a key is shown in listings: the prefix and 8 characters (48 random bits). */
  static final int SHOWN_LENGTH = PREFIX.length() + 8;

  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeySecrets() {}

  /** A new key: {@code uh_} followed by 32 random bytes in unpadded base64url (43 characters). */
  static String newKey() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 of the key's UTF-8 bytes. */
  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String sha256Hex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  /** The part of a key that listings show so a person can tell keys apart. */
  static String shownPart(String key) {
    return key.substring(0, SHOWN_LENGTH);
  }
}
