package io.upgradehub.packages.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presigned download URLs.
 *
 * @param downloadUrlTtl how long a download URL stays valid; at most 15 minutes, so that a leaked
 *     URL is soon worthless. A device resumes an interrupted download with Range requests on a
 *     fresh URL.
 */
@ConfigurationProperties("upgradehub.packages")
public record DownloadProperties(@DefaultValue("15m") Duration downloadUrlTtl) {

  static final Duration MAX_TTL = Duration.ofMinutes(15);

  public DownloadProperties {
    if (downloadUrlTtl.isNegative()
        || downloadUrlTtl.isZero()
        || downloadUrlTtl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(
          "upgradehub.packages.download-url-ttl must be between 1s and 15m");
    }
  }
}
