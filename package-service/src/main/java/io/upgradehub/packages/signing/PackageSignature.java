package io.upgradehub.packages.signing;

/**
 * A signature over a package's raw SHA-256 digest.
 *
 * @param algorithm the signature algorithm, {@code Ed25519}
 * @param keyId the first 16 hex digits of the SHA-256 of the public key (X.509 DER)
 * @param value the signature, base64
 */
public record PackageSignature(String algorithm, String keyId, String value) {}
