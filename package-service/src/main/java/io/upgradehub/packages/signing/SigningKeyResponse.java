package io.upgradehub.packages.signing;

/**
 * The public half of the platform's signing key.
 *
 * @param publicKey the X.509 SubjectPublicKeyInfo DER, base64
 * @param pem the same key as PEM
 */
record SigningKeyResponse(String algorithm, String keyId, String publicKey, String pem) {}
