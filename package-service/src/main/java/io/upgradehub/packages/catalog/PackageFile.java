package io.upgradehub.packages.catalog;

/**
 * The stored file of a package.
 *
 * @param size bytes
 * @param sha256 lower-case hex
 * @param md5 lower-case hex
 */
public record PackageFile(long size, String sha256, String md5) {}
