package io.upgradehub.gateway.apikey;

import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys defined in configuration, and how keys stored in MongoDB are looked up.
 *
 * @param apiKeys bootstrap keys, typically the first admin key of an installation; they cannot be
 *     changed or deleted through the API. Given as {@code upgradehub.gateway.api-keys[0].name},
 *     {@code .role} and {@code .sha256} (env {@code UPGRADEHUB_GATEWAY_API_KEYS_0_NAME}, ...)
 * @param apiKeyCacheTtl how long a key found in MongoDB is trusted without asking again; a key
 *     deleted through another gateway instance stays usable here for at most this long. Zero
 *     disables the cache
 * @param apiKeyStoreTimeout how long a request waits for MongoDB before it is answered 503
 */
@ConfigurationProperties("upgradehub.gateway")
public record ApiKeyProperties(
    @DefaultValue List<BootstrapKey> apiKeys,
    @DefaultValue("30s") Duration apiKeyCacheTtl,
    @DefaultValue("5s") Duration apiKeyStoreTimeout) {

  /**
   * Fails at startup, naming the entry, when a bootstrap key is malformed, rather than letting the
   * gateway run with a key that can never match.
   */
  public ApiKeyProperties {
    apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    Set<String> names = new HashSet<>();
    Set<String> digests = new HashSet<>();
    for (int i = 0; i < apiKeys.size(); i++) {
      BootstrapKey key = apiKeys.get(i);
      String where = "upgradehub.gateway.api-keys[" + i + "]";
      if (!ApiKeyNames.isValid(key.name())) {
        throw new IllegalArgumentException(
            where + ".name must be 1-64 characters of [A-Za-z0-9._-]");
      }
      if (key.role() == null) {
        throw new IllegalArgumentException(where + ".role must be one of " + Role.acceptedValues());
      }
      if (!names.add(key.name())) {
        throw new IllegalArgumentException(where + ".name '" + key.name() + "' is used twice");
      }
      if (!digests.add(key.sha256())) {
        throw new IllegalArgumentException(where + ".sha256 is used by another key");
      }
    }
  }

  /**
   * A key defined in configuration, known only by the SHA-256 of its plaintext.
   *
   * @param name unique name, 1–64 of {@code [A-Za-z0-9._-]}
   * @param role what the key may do
   * @param sha256 lower- or upper-case hex SHA-256 of the key's UTF-8 bytes (64 hex digits)
   */
  public record BootstrapKey(String name, Role role, String sha256) {

    public BootstrapKey {
      if (sha256 == null || !sha256.matches("[0-9A-Fa-f]{64}")) {
        throw new IllegalArgumentException(
            "sha256 of API key '" + name + "' must be 64 hex digits (SHA-256 of the key)");
      }
      sha256 = sha256.toLowerCase(Locale.ROOT);
    }

    byte[] digest() {
      return HexFormat.of().parseHex(sha256);
    }
  }
}
