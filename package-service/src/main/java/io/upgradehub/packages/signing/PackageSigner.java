package io.upgradehub.packages.signing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Signs a package's SHA-256 digest with the platform key. A device verifies the signature over the
 * raw 32 digest bytes with the public key it was provisioned with (or fetched from {@code GET
 * /api/v1/packages/signing-key}), so a file swapped in storage is refused even with a valid URL.
 */
@Component
public class PackageSigner {

  private final KeyPair keys;
  private final String keyId;

  PackageSigner(SigningProperties properties) {
    this.keys = SigningKeys.load(properties);
    this.keyId = fingerprint(keys.getPublic().getEncoded());
  }

  /**
   * Signs the digest given in hex.
   *
   * @throws IllegalArgumentException when {@code sha256Hex} is not 64 hex digits
   */
  public PackageSignature sign(String sha256Hex) {
    byte[] digest = HexFormat.of().parseHex(sha256Hex);
    if (digest.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes");
    }
    try {
      Signature signer = Signature.getInstance(SigningKeys.ALGORITHM);
      signer.initSign(keys.getPrivate());
      signer.update(digest);
      return new PackageSignature(
          SigningKeys.ALGORITHM, keyId, Base64.getEncoder().encodeToString(signer.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed with a key that passed its start check", e);
    }
  }

  SigningKeyResponse publicKey() {
    return new SigningKeyResponse(
        SigningKeys.ALGORITHM,
        keyId,
        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
        SigningKeys.publicPem(keys));
  }

  private static String fingerprint(byte[] publicKeyDer) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(publicKeyDer);
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
