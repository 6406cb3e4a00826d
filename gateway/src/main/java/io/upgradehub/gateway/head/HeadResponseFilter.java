package io.upgradehub.gateway.head;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Closes the connection after a HEAD answer. A HEAD proxied to a service was seen to leave the
 * caller's keep-alive connection unusable (its next request got no answer), so a HEAD answer never
 * shares its connection with a later request. HEAD is rare for API clients; the cost is one new
 * connection.
 */
@Component
final class HeadResponseFilter implements WebFilter, Ordered {

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 1;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (HttpMethod.HEAD.equals(exchange.getRequest().getMethod())) {
      exchange
          .getResponse()
          .beforeCommit(
              () -> {
                exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
                return Mono.empty();
              });
    }
    return chain.filter(exchange);
  }
}
