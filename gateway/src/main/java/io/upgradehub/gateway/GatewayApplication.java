package io.upgradehub.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The single entry point of UpgradeHub: routes {@code /api/**} to the services, authenticates API
 * keys and enforces roles, answers CORS, stamps request ids and serves the aggregated OpenAPI
 * documents. It holds no business logic; its only data are the API keys it manages.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  public static void main(String[] args) {
    SpringApplication.run(GatewayApplication.class, args);
  }
}
