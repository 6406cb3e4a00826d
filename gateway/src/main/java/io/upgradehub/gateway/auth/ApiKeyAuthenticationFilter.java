package io.upgradehub.gateway.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.gateway.apikey.ApiKeyPrincipal;
import io.upgradehub.gateway.apikey.ApiKeys;
import io.upgradehub.gateway.problem.ErrorCode;
import io.upgradehub.gateway.problem.ProblemException;
import io.upgradehub.gateway.requestid.RequestId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates the API key of every {@code /api/**} request and applies the {@link AccessPolicy},
 * for routed requests and the gateway's own endpoints alike. Every request leaves it without the
 * key and with principal headers the gateway set itself, whatever the client sent.
 */
@Component
final class ApiKeyAuthenticationFilter implements WebFilter, Ordered {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationFilter.class);

  /** After the request id and CORS, so that refusals carry both. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

  static final String API_KEY_HEADER = "X-API-Key";

  static final String FAILURES_METRIC = "upgradehub.gateway.auth.failures";

  private static final String BEARER = "bearer ";

  private final ApiKeys apiKeys;
  private final Map<ErrorCode, Counter> failures = new EnumMap<>(ErrorCode.class);

  ApiKeyAuthenticationFilter(ApiKeys apiKeys, MeterRegistry registry) {
    this.apiKeys = apiKeys;
    // registered up front so every reason is exported, at zero, before the first failure
    for (ErrorCode reason :
        new ErrorCode[] {
          ErrorCode.AUTHENTICATION_REQUIRED, ErrorCode.INVALID_API_KEY, ErrorCode.ACCESS_DENIED
        }) {
      failures.put(
          reason,
          Counter.builder(FAILURES_METRIC)
              .description("Requests refused by API key authentication or authorization")
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    PathContainer path = request.getPath().pathWithinApplication();
    if (!AccessPolicy.requiresKey(path)) {
      return chain.filter(forward(exchange, null));
    }
    if (AccessPolicy.isAmbiguous(path)) {
      return Mono.error(
          new ProblemException(
              ErrorCode.MALFORMED_REQUEST,
              "The path must not contain '.' or '..' segments or encoded slashes"));
    }
    HttpHeaders headers = request.getHeaders();
    String bearer = bearerToken(headers.getFirst(HttpHeaders.AUTHORIZATION));
    String headerKey = blankToNull(headers.getFirst(API_KEY_HEADER));
    if (bearer == null && headerKey == null) {
      return refuse(
          exchange,
          ErrorCode.AUTHENTICATION_REQUIRED,
          "An API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
    }
    if (bearer != null && headerKey != null && !bearer.equals(headerKey)) {
      return refuse(
          exchange,
          ErrorCode.INVALID_API_KEY,
          "The Authorization and X-API-Key headers carry different keys");
    }
    String key = bearer != null ? bearer : headerKey;
    return apiKeys
        .authenticate(key)
        .switchIfEmpty(
            Mono.defer(
                () -> refuse(exchange, ErrorCode.INVALID_API_KEY, "The API key is not valid")))
        .flatMap(
            principal -> {
              if (!AccessPolicy.permits(principal.role(), request.getMethod(), path)) {
                return refuse(
                    exchange, ErrorCode.ACCESS_DENIED, AccessPolicy.denial(principal.role(), path));
              }
              return chain.filter(forward(exchange, principal));
            });
  }

  /**
   * The request as the services (and the gateway's own handlers) see it: never the key, and the
   * principal headers only as set here.
   */
  private static ServerWebExchange forward(ServerWebExchange exchange, ApiKeyPrincipal principal) {
    return exchange
        .mutate()
        .request(
            request ->
                request.headers(
                    headers -> {
                      headers.remove(HttpHeaders.AUTHORIZATION);
                      headers.remove(API_KEY_HEADER);
                      headers.remove(ApiKeyPrincipal.NAME_HEADER);
                      headers.remove(ApiKeyPrincipal.ROLE_HEADER);
                      if (principal != null) {
                        headers.set(ApiKeyPrincipal.NAME_HEADER, principal.name());
                        headers.set(ApiKeyPrincipal.ROLE_HEADER, principal.role().value());
                      }
                    }))
        .build();
  }

  private <T> Mono<T> refuse(ServerWebExchange exchange, ErrorCode reason, String detail) {
    failures.get(reason).increment();
    log.debug(
        "Refused {} {} [{}]: {}",
        exchange.getRequest().getMethod(),
        exchange.getRequest().getPath(),
        RequestId.of(exchange),
        reason);
    return Mono.error(new ProblemException(reason, detail));
  }

  /** The token of a {@code Bearer} authorization (scheme case-insensitive), else null. */
  private static String bearerToken(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    return blankToNull(authorization.substring(BEARER.length()));
  }

  private static String blankToNull(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }
}
