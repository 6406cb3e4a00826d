package io.upgradehub.notification.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's OpenAPI document. Its server is relative, so "try it out" in the gateway's Swagger
 * UI goes through the gateway (with its API key) rather than to this service directly.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI notificationServiceOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("UpgradeHub notification-service")
                .version("v1")
                .description(
                    "Upgrade task notifications: signed webhooks, their package associations and delivery records"))
        .servers(List.of(new Server().url("/").description("through the gateway")))
        .schemaRequirement(
            "apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
        .addSecurityItem(new SecurityRequirement().addList("apiKey"));
  }
}
