package io.upgradehub.gateway.cors;

import io.upgradehub.gateway.problem.ErrorCode;
import io.upgradehub.gateway.problem.ProblemException;
import io.upgradehub.gateway.requestid.RequestId;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers CORS for every path in one place, before authentication, so a preflight never needs a key
 * and even a 401 carries the CORS headers the browser needs to show it. Unlike Spring's {@code
 * CorsWebFilter} a refused request gets a problem body like every other gateway error.
 */
@Component
final class CorsFilter implements WebFilter, Ordered {

  /** After the request id, before authentication. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

  private final CorsConfiguration configuration;
  private final CorsProcessor processor = new DefaultCorsProcessor();

  CorsFilter(CorsProperties properties) {
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOrigins(properties.allowedOrigins());
    config.setAllowedMethods(
        List.of(
            HttpMethod.GET.name(),
            HttpMethod.HEAD.name(),
            HttpMethod.POST.name(),
            HttpMethod.PUT.name(),
            HttpMethod.PATCH.name(),
            HttpMethod.DELETE.name(),
            HttpMethod.OPTIONS.name()));
    config.setAllowedHeaders(
        List.of(
            HttpHeaders.AUTHORIZATION, "X-API-Key", HttpHeaders.CONTENT_TYPE, RequestId.HEADER));
    config.setExposedHeaders(List.of(RequestId.HEADER, HttpHeaders.LOCATION));
    // keys travel in headers, never in cookies
    config.setAllowCredentials(false);
    config.setMaxAge(properties.maxAge());
    this.configuration = config;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
      return chain.filter(exchange);
    }
    if (!processor.process(configuration, exchange)) {
      return Mono.error(
          new ProblemException(
              ErrorCode.CORS_REJECTED,
              "Cross-origin request refused: origin, method or headers not allowed"));
    }
    if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
      // answered here: a preflight is never routed and never needs a key
      return Mono.empty();
    }
    return chain.filter(exchange);
  }
}
