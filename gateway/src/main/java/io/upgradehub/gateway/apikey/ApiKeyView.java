package io.upgradehub.gateway.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An API key as listed: never the key nor its digest.
 *
 * @param name unique name
 * @param role {@code admin}, {@code operator} or {@code viewer}
 * @param source {@code config} for a bootstrap key (managed in configuration, cannot be deleted
 *     here) or {@code api} for one created through the API
 * @param prefix the first characters of the key to tell keys apart; absent for configured keys,
 *     whose plaintext the gateway never sees
 * @param createdAt when it was created; absent for configured keys
 * @param createdBy the name of the key that created it; absent when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(
    String name, String role, String source, String prefix, Instant createdAt, String createdBy) {

  static final String CONFIG = "config";
  static final String API = "api";

  static ApiKeyView of(ApiKeyProperties.BootstrapKey key) {
    return new ApiKeyView(key.name(), key.role().value(), CONFIG, null, null, null);
  }

  static ApiKeyView of(StoredApiKey key) {
    return new ApiKeyView(
        key.name(),
        key.role() == null ? null : key.role().value(),
        API,
        key.shownPart(),
        key.createdAt(),
        key.createdBy());
  }
}
