package io.upgradehub.adapter.pull;

import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How devices prove who they are on the HTTP pull.
 *
 * @param key the deployment's device credential key, base64, at least 32 bytes: a device's password
 *     is derived from it and the device's identity ({@link DeviceCredentials}), so no per-device
 *     secret is stored anywhere. Required; keep it in a secret store
 * @param requestsPerMinute pulls a device may make per minute; more get {@code 429}
 */
@ConfigurationProperties("upgradehub.device-auth")
record DeviceAuthProperties(String key, int requestsPerMinute) {

  DeviceAuthProperties {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "upgradehub.device-auth.key is required: base64 of at least 32 random bytes");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("upgradehub.device-auth.key is not base64", e);
    }
    if (bytes.length < 32) {
      throw new IllegalArgumentException("upgradehub.device-auth.key must be at least 32 bytes");
    }
    if (requestsPerMinute < 1) {
      requestsPerMinute = 10;
    }
  }

  byte[] keyBytes() {
    return Base64.getDecoder().decode(key.trim());
  }
}
