package io.upgradehub.gateway.requestid;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Gives every exchange its request id before anything else runs, so that error bodies, logs and the
 * proxied request all carry the same one.
 */
@Component
final class RequestIdFilter implements WebFilter, Ordered {

  /** First of the gateway's filters: even a rejected CORS or auth attempt gets an id. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String id =
        RequestId.keepOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestId.HEADER));
    // set on the request so that the proxied request forwards it to the service
    ServerWebExchange withId =
        exchange
            .mutate()
            .request(request -> request.headers(headers -> headers.set(RequestId.HEADER, id)))
            .build();
    withId.getAttributes().put(RequestId.ATTRIBUTE, id);
    // Spring's own WebFlux log lines are prefixed with this, which puts the id into the logs
    withId.getAttributes().put(ServerWebExchange.LOG_ID_ATTRIBUTE, id);
    ServerHttpResponse response = withId.getResponse();
    response.getHeaders().set(RequestId.HEADER, id);
    // again at commit: the proxy adds the service's response headers, which may echo the id
    response.beforeCommit(
        () -> {
          response.getHeaders().set(RequestId.HEADER, id);
          return Mono.empty();
        });
    return chain.filter(withId).contextWrite(Context.of(RequestId.CONTEXT_KEY, id));
  }
}
