package io.upgradehub.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs messages as the Standard Webhooks specification does: HMAC-SHA256 with the notification's
 * token over {@code id.timestamp.body}, sent as {@code v1,<base64>} in {@value #SIGNATURE}, beside
 * {@value #ID} and {@value #TIMESTAMP} (Unix seconds). A receiver recomputes it, compares in
 * constant time, and rejects timestamps far from its clock (replays).
 */
final class Signature {

  static final String ID = "webhook-id";
  static final String TIMESTAMP = "webhook-timestamp";
  static final String SIGNATURE = "webhook-signature";

  private Signature() {}

  /** The {@value #SIGNATURE} header's value. */
  static String sign(byte[] key, String messageId, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
