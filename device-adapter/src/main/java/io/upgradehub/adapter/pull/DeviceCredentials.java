package io.upgradehub.adapter.pull;

import io.upgradehub.events.devices.DeviceKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Device passwords derived from one deployment key: {@code base64url(HMAC-SHA256(key,
 * "{productKey}/{deviceName}"))} without padding, as Azure DPS derives device keys from a group
 * enrollment key. The manufacturing line computes each device's password with the same key; the
 * platform stores no per-device secret and checks a password in constant time.
 */
@Component
class DeviceCredentials {

  private final SecretKeySpec key;

  DeviceCredentials(DeviceAuthProperties properties) {
    this.key = new SecretKeySpec(properties.keyBytes(), "HmacSHA256");
  }

  /** The password of {@code device}. */
  String passwordOf(DeviceKey device) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(device.value().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Whether {@code password} is {@code device}'s, compared in constant time. */
  boolean matches(DeviceKey device, String password) {
    return MessageDigest.isEqual(
        passwordOf(device).getBytes(StandardCharsets.UTF_8),
        password.getBytes(StandardCharsets.UTF_8));
  }
}
