package io.upgradehub.adapter.packages;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How presigned download URLs are shared between commands.
 *
 * @param reuse how long a URL fetched for a package is handed to further commands of the same
 *     package (a batch sends thousands a second of one package; one fetch each would make
 *     package-service the bottleneck); {@code 0s} fetches one per command. A URL is never reused
 *     once less than {@code minValidity} of it remains.
 * @param minValidity how long a URL a device receives stays valid at least
 */
@ConfigurationProperties("upgradehub.download-urls")
public record DownloadUrlProperties(
    @DefaultValue("60s") Duration reuse, @DefaultValue("10m") Duration minValidity) {}
