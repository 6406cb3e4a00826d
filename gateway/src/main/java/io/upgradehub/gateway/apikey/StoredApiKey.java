package io.upgradehub.gateway.apikey;

import java.time.Instant;

/**
 * An API key as kept in MongoDB: never the key itself, only its digest.
 *
 * @param sha256 hex SHA-256 of the key, the document's {@code _id} so that authenticating is a
 *     lookup by {@code _id}
 * @param name unique name
 * @param role what the key may do; null when stored by a newer version with a role unknown here
 * @param shownPart the first characters of the key, for people to tell keys apart
 * @param createdAt when it was created
 * @param createdBy the name of the key that created it, null when unknown
 */
record StoredApiKey(
    String sha256, String name, Role role, String shownPart, Instant createdAt, String createdBy) {

  ApiKeyPrincipal principal() {
    return new ApiKeyPrincipal(name, role);
  }
}
