package io.upgradehub.adapter.packages;

import java.time.Instant;

/**
 * A presigned URL of a package file.
 *
 * @param url what the device GETs, as given
 * @param expiresAt after this the URL is refused
 */
public record DownloadUrl(String url, Instant expiresAt) {}
