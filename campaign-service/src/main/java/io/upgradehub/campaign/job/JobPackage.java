package io.upgradehub.campaign.job;

/**
 * The facts of a job's package that its upgrade command carries, taken from the batch: a job
 * document holds only what is its own.
 */
public record JobPackage(
    String packageId,
    String type,
    String targetVersion,
    long size,
    String sha256,
    String md5,
    String signature,
    String signatureAlgorithm) {}
