package io.upgradehub.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The check a webhook receiver makes of a message, written from the Standard Webhooks specification
 * rather than from notification-service's code: the signed content is {@code id.timestamp.body},
 * the key the base64 after {@code whsec_} (or a plain token's UTF-8 bytes), the signature header a
 * space-separated list of {@code v1,<base64>}, and a timestamp more than five minutes from now is a
 * replay.
 */
public final class WebhookSignatures {

  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignatures() {}

  /**
   * Whether a message is signed with {@code token}.
   *
   * @param id the {@code webhook-id} header; null when absent
   * @param timestamp the {@code webhook-timestamp} header; null when absent
   * @param signatures the {@code webhook-signature} header; null when absent
   */
  public static boolean verifies(
      String id, String timestamp, String signatures, String body, String token) {
    if (id == null || timestamp == null || signatures == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(Instant.now().getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] key =
        token.startsWith("whsec_")
            ? Base64.getDecoder().decode(token.substring("whsec_".length()))
            : token.getBytes(StandardCharsets.UTF_8);
    byte[] expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
    for (String signature : signatures.split(" ")) {
      String[] parts = signature.split(",", 2);
      if (parts.length == 2
          && parts[0].equals("v1")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
        return true;
      }
    }
    return false;
  }
}
