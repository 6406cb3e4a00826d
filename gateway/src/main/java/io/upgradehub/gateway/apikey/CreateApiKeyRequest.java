package io.upgradehub.gateway.apikey;

/**
 * A request to create an API key. Both fields are required; they are checked by {@link ApiKeys} so
 * that every rejected field is reported at once.
 *
 * @param name 1–64 characters of {@code [A-Za-z0-9._-]}, unique
 * @param role {@code admin}, {@code operator} or {@code viewer}
 */
record CreateApiKeyRequest(String name, String role) {}
