package io.upgradehub.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;

/** A route to a port nothing listens on, standing in for a service that is down. */
@TestConfiguration(proxyBeanMethods = false)
class UnreachableServiceRoute {

  static final String PATH = "/api/v1/unreachable";

  @Bean
  RouteLocator unreachableServiceRoute(RouteLocatorBuilder routes) {
    String uri = "http://127.0.0.1:" + closedPort();
    return routes.routes().route("unreachable", route -> route.path(PATH + "/**").uri(uri)).build();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
