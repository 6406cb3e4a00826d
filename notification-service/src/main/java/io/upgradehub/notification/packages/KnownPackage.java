package io.upgradehub.notification.packages;

/**
 * What this service knows of a package, from package-service's events: what an association and a
 * webhook message show of it.
 *
 * @param type {@code FULL} or {@code DIFF}
 * @param status the package's status as package-service last published it (its verification)
 */
public record KnownPackage(
    String id,
    String name,
    String type,
    String productKey,
    String module,
    String targetVersion,
    String status,
    boolean enabled) {}
