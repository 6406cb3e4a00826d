package io.upgradehub.packages.upload;

/**
 * A file now in object storage, with what was measured while it streamed in.
 *
 * @param sha256 lower-case hex
 * @param md5 lower-case hex
 */
public record StoredFile(String key, long size, String sha256, String md5) {}
