package io.upgradehub.gateway;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The tests' clients open a connection per request instead of taking one from Reactor Netty's
 * global pool, which every client in this JVM shares. A test that checks only a response's status
 * leaves its body unread, and a response from a service behind the gateway then keeps its pooled
 * connection: after enough such tests a later request, in whichever test, waited for a connection
 * until it timed out, with no thread busy (seen in one full run of this module in three; with a
 * pool of one connection, the second unread proxied response hangs at once, and reading the body
 * makes that go away). A connection of its own is closed with its response, read or not.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshConnections {

  /** A connector that opens a new connection for every request. */
  public static ClientHttpConnector connector() {
    return new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()));
  }

  @Bean
  WebTestClientBuilderCustomizer freshConnections() {
    return builder -> builder.clientConnector(connector());
  }
}
