package io.upgradehub.gateway.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own OpenAPI document (its API key endpoints). The services' documents are proxied
 * by routes in {@code application.yml} and listed beside it in the Swagger UI.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  private static final String BEARER = "bearer";
  private static final String API_KEY_HEADER = "apiKeyHeader";

  @Bean
  OpenAPI gatewayOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("UpgradeHub gateway")
                .version("v1")
                .description(
                    "API key management. Every /api call needs an API key, sent as"
                        + " 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An UpgradeHub API key as bearer token"))
                .addSecuritySchemes(
                    API_KEY_HEADER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-API-Key")))
        // either scheme is enough: two requirements are alternatives in OpenAPI
        .addSecurityItem(new SecurityRequirement().addList(BEARER))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY_HEADER));
  }
}
