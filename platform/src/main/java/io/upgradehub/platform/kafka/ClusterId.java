package io.upgradehub.platform.kafka;

import java.security.SecureRandom;
import java.util.Base64;

/** Kafka cluster ids: 16 random bytes, base64url without padding, as Kafka's own Uuid prints. */
final class ClusterId {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ClusterId() {}

  static String random() {
    while (true) {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      // like Kafka's Uuid.randomUuid: a leading '-' would be read as a command-line option
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }
}
