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
 * global pool, which every client in this JVM shares. A request on a pooled connection sometimes
 * got no answer at all (in roughly one full run of this module in three, in whichever test came
 * next, even on a client built for the test, since it shared the pool; no thread of the gateway was
 * busy with it). Fresh connections keep each test's request its own; a gateway that does not answer
 * still fails the test.
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
