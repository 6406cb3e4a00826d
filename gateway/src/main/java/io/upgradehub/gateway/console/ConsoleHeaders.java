package io.upgradehub.gateway.console;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Browser hardening for the console's responses: the page may load scripts only from the gateway
 * itself and never be framed, so an injected script or a clickjacking page has nothing to work
 * with. Styles may be inline, as the component library injects its own at run time. The API and the
 * OpenAPI UI keep their own headers.
 */
@Component
class ConsoleHeaders implements WebFilter, Ordered {

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; font-src 'self' data:; connect-src 'self';"
          + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  private static final PathPattern[] CONSOLE = {
    PathPatternParser.defaultInstance.parse("/"),
    PathPatternParser.defaultInstance.parse("/ota/**"),
    PathPatternParser.defaultInstance.parse("/assets/**"),
    PathPatternParser.defaultInstance.parse("/favicon.svg")
  };

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 300;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
    for (PathPattern pattern : CONSOLE) {
      if (pattern.matches(path)) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("Content-Security-Policy", POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        break;
      }
    }
    return chain.filter(exchange);
  }
}
