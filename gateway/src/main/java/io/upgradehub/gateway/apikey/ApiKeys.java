package io.upgradehub.gateway.apikey;

import com.mongodb.MongoException;
import io.upgradehub.gateway.problem.ErrorCode;
import io.upgradehub.gateway.problem.FieldError;
import io.upgradehub.gateway.problem.ProblemException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * All API keys, the configured ones and those created through the API: authenticating a presented
 * key, and managing the stored ones.
 */
@Service
public class ApiKeys {

  private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

  private final List<ApiKeyProperties.BootstrapKey> configured;
  private final List<byte[]> configuredDigests;
  private final Set<String> configuredNames;
  private final ApiKeyStore store;
  private final Duration cacheTtl;
  private final Duration storeTimeout;
  private final Clock clock;
  // by digest, never by plaintext; only keys that exist are cached, so its size is bounded
  private final Map<String, CachedPrincipal> cache = new ConcurrentHashMap<>();

  @Autowired
  ApiKeys(ApiKeyProperties properties, ApiKeyStore store) {
    this(properties, store, Clock.systemUTC());
  }

  ApiKeys(ApiKeyProperties properties, ApiKeyStore store, Clock clock) {
    this.configured = properties.apiKeys();
    this.configuredDigests =
        configured.stream().map(ApiKeyProperties.BootstrapKey::digest).toList();
    this.configuredNames =
        configured.stream()
            .map(ApiKeyProperties.BootstrapKey::name)
            .collect(Collectors.toUnmodifiableSet());
    this.store = store;
    this.cacheTtl = properties.apiKeyCacheTtl();
    this.storeTimeout = properties.apiKeyStoreTimeout();
    this.clock = clock;
  }

  /**
   * Who holds {@code presentedKey}.
   *
   * @return the principal, empty when no key matches, or an error {@link
   *     ErrorCode#SERVICE_UNAVAILABLE} when the key store cannot be asked
   */
  public Mono<ApiKeyPrincipal> authenticate(String presentedKey) {
    byte[] digest = ApiKeySecrets.sha256(presentedKey);
    ApiKeyPrincipal match = null;
    // constant time over all configured keys: no early exit, and MessageDigest.isEqual does not
    // stop at the first differing byte
    for (int i = 0; i < configuredDigests.size(); i++) {
      if (MessageDigest.isEqual(configuredDigests.get(i), digest)) {
        ApiKeyProperties.BootstrapKey key = configured.get(i);
        match = new ApiKeyPrincipal(key.name(), key.role());
      }
    }
    if (match != null) {
      return Mono.just(match);
    }
    if (!presentedKey.startsWith(ApiKeySecrets.PREFIX)) {
      // only generated keys are stored, and they all carry the prefix: spare MongoDB the rest
      return Mono.empty();
    }
    String sha256 = HexFormat.of().formatHex(digest);
    CachedPrincipal cached = cache.get(sha256);
    if (cached != null && cached.validAt(clock.instant())) {
      return Mono.just(cached.principal());
    }
    // The stored key is found by equality on its digest. That lookup's timing can only tell an
    // attacker about digests, which they cannot steer towards a valid key (SHA-256 preimages),
    // so it leaks nothing about the keys themselves.
    return store
        .findBySha256(sha256)
        .map(StoredApiKey::principal)
        .doOnNext(principal -> remember(sha256, principal))
        .timeout(storeTimeout)
        .onErrorMap(ApiKeys::isStoreFailure, ApiKeys::storeUnavailable);
  }

  /** Every key: the configured ones first, then the stored ones by name. */
  Mono<List<ApiKeyView>> list() {
    return store
        .findAll()
        .map(ApiKeyView::of)
        .collectList()
        .map(
            stored ->
                Stream.concat(configured.stream().map(ApiKeyView::of), stored.stream()).toList())
        .timeout(storeTimeout)
        .onErrorMap(ApiKeys::isStoreFailure, ApiKeys::storeUnavailable);
  }

  /**
   * The key named {@code name}.
   *
   * @return the key, or an error {@link ErrorCode#NOT_FOUND}
   */
  Mono<ApiKeyView> find(String name) {
    return configured.stream()
        .filter(key -> key.name().equals(name))
        .findFirst()
        .map(key -> Mono.just(ApiKeyView.of(key)))
        .orElseGet(
            () ->
                store
                    .findByName(name)
                    .map(ApiKeyView::of)
                    .timeout(storeTimeout)
                    .onErrorMap(ApiKeys::isStoreFailure, ApiKeys::storeUnavailable)
                    .switchIfEmpty(Mono.error(() -> notFound(name))));
  }

  /**
   * Creates a key with a new random secret. Nothing is stored when the request is rejected.
   *
   * @param createdBy the name of the key making the request, may be null
   * @return the key with its plaintext; or an error {@link ErrorCode#VALIDATION_FAILED} listing
   *     every invalid field, or {@link ErrorCode#API_KEY_NAME_TAKEN}
   */
  Mono<CreatedApiKey> create(CreateApiKeyRequest request, String createdBy) {
    String name = request == null ? null : request.name();
    String roleValue = request == null ? null : request.role();
    List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isEmpty()) {
      errors.add(new FieldError("name", "is required"));
    } else if (name.length() > ApiKeyNames.MAX_LENGTH) {
      errors.add(new FieldError("name", "must be at most 64 characters"));
    } else if (!ApiKeyNames.isValid(name)) {
      errors.add(new FieldError("name", "may only contain letters, digits, '.', '_' and '-'"));
    }
    Role role = Role.fromValue(roleValue).orElse(null);
    if (role == null) {
      errors.add(new FieldError("role", "must be one of " + Role.acceptedValues()));
    }
    if (!errors.isEmpty()) {
      return Mono.error(
          new ProblemException(
              ErrorCode.VALIDATION_FAILED, "The API key request has invalid fields", errors));
    }
    if (configuredNames.contains(name)) {
      return Mono.error(
          new ProblemException(
              ErrorCode.API_KEY_NAME_TAKEN,
              "An API key named '" + name + "' already exists (in configuration)"));
    }
    String key = ApiKeySecrets.newKey();
    StoredApiKey stored =
        new StoredApiKey(
            ApiKeySecrets.sha256Hex(key),
            name,
            role,
            ApiKeySecrets.shownPart(key),
            clock.instant(),
            createdBy);
    return store
        .insert(stored)
        .timeout(storeTimeout)
        .onErrorMap(ApiKeys::isStoreFailure, ApiKeys::storeUnavailable)
        .then(
            Mono.fromSupplier(
                () ->
                    new CreatedApiKey(
                        name, role.value(), stored.shownPart(), stored.createdAt(), key)));
  }

  /**
   * Deletes the stored key named {@code name}; it stops authenticating at once on this instance.
   *
   * @return completes, or an error {@link ErrorCode#API_KEY_MANAGED_BY_CONFIG} for a configured
   *     key, {@link ErrorCode#NOT_FOUND} when there is no such key
   */
  Mono<Void> delete(String name) {
    if (configuredNames.contains(name)) {
      return Mono.error(
          new ProblemException(
              ErrorCode.API_KEY_MANAGED_BY_CONFIG,
              "API key '"
                  + name
                  + "' is defined in the gateway's configuration; remove it there instead"));
    }
    return store
        .deleteByName(name)
        .timeout(storeTimeout)
        .onErrorMap(ApiKeys::isStoreFailure, ApiKeys::storeUnavailable)
        .flatMap(
            deleted -> {
              if (!deleted) {
                return Mono.error(notFound(name));
              }
              cache.values().removeIf(entry -> entry.principal().name().equals(name));
              return Mono.<Void>empty();
            });
  }

  private void remember(String sha256, ApiKeyPrincipal principal) {
    if (!cacheTtl.isZero() && !cacheTtl.isNegative()) {
      cache.put(sha256, new CachedPrincipal(principal, clock.instant().plus(cacheTtl)));
    }
  }

  private static ProblemException notFound(String name) {
    return new ProblemException(ErrorCode.NOT_FOUND, "No API key named '" + name + "'");
  }

  private static boolean isStoreFailure(Throwable error) {
    return error instanceof MongoException || error instanceof TimeoutException;
  }

  private static ProblemException storeUnavailable(Throwable error) {
    log.warn("API key store unavailable: {}", error.toString());
    return new ProblemException(
        ErrorCode.SERVICE_UNAVAILABLE, "The API key store cannot be reached; try again shortly");
  }

  private record CachedPrincipal(ApiKeyPrincipal principal, Instant expiresAt) {

    boolean validAt(Instant now) {
      return now.isBefore(expiresAt);
    }
  }
}
