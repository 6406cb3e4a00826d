package io.upgradehub.gateway.console;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the operator console (the {@code console} module's build, on the classpath under {@code
 * static/}). The page is {@code index.html} at {@code /} and at every path of the console's own
 * router ({@code /ota/**}), so a reload or a shared link opens the same screen; a path outside
 * those and {@code /api} stays a 404. The page is revalidated on every load, so a new release is
 * picked up at once; its assets carry a content hash in their names, so they are cached for good.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleRoutes implements WebFluxConfigurer {

  static final String INDEX = "static/index.html";

  @Bean
  RouterFunction<ServerResponse> consolePage() {
    Resource index = new ClassPathResource(INDEX);
    return RouterFunctions.route(
        RequestPredicates.GET("/").or(RequestPredicates.GET("/ota/**")),
        request ->
            index.exists()
                ? ServerResponse.ok()
                    .contentType(MediaType.TEXT_HTML)
                    .cacheControl(CacheControl.noCache())
                    .bodyValue(index)
                : Mono.defer(() -> ServerResponse.notFound().build()));
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/assets/**")
        .addResourceLocations("classpath:/static/assets/")
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
  }
}
