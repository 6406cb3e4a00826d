package io.upgradehub.gateway.cors;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call the API (the console's). Methods and headers are fixed by the
 * API's contract, so only the origins and the preflight cache time are configurable.
 *
 * @param allowedOrigins exact origins such as {@code https://console.example.com}; env {@code
 *     UPGRADEHUB_GATEWAY_CORS_ALLOWED_ORIGINS} as a comma-separated list
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("upgradehub.gateway.cors")
record CorsProperties(
    @DefaultValue("http://localhost:5173") List<String> allowedOrigins,
    @DefaultValue("30m") Duration maxAge) {}
