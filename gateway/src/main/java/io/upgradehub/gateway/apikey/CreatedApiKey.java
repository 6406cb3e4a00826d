package io.upgradehub.gateway.apikey;

import java.time.Instant;

/**
 * The answer to creating a key: the only time its plaintext is ever shown.
 *
 * @param name unique name
 * @param role {@code admin}, {@code operator} or {@code viewer}
 * @param prefix the first characters of the key, as listings will show them
 * @param createdAt when it was created
 * @param key the key itself; store it now, it cannot be shown again
 */
record CreatedApiKey(String name, String role, String prefix, Instant createdAt, String key) {}
