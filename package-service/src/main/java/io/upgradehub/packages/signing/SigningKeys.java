package io.upgradehub.packages.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the signing key pair from its PEM file, or creates and persists one. */
final class SigningKeys {

  static final String ALGORITHM = "Ed25519";

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private SigningKeys() {}

  /**
   * @throws IllegalStateException when the file is missing (and may not be generated), lacks either
   *     key, or holds keys that do not belong together
   */
  static KeyPair load(SigningProperties properties) {
    Path file = properties.keyFile();
    try {
      if (!Files.exists(file)) {
        if (!properties.generateIfMissing()) {
          throw new IllegalStateException(
              "Signing key file "
                  + file.toAbsolutePath()
                  + " does not exist; provide it or set upgradehub.signing.generate-if-missing");
        }
        return generate(file);
      }
      KeyPair pair = parse(Files.readString(file, StandardCharsets.US_ASCII), file);
      checkBelongTogether(pair, file);
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read signing key " + file, e);
    }
  }

  private static KeyPair generate(Path file) throws IOException {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      String pem =
          pem("PRIVATE KEY", pair.getPrivate().getEncoded())
              + pem("PUBLIC KEY", pair.getPublic().getEncoded());
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temp = Files.createTempFile(parent, ".signing-key", ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on file systems without POSIX permissions
      }
      Files.writeString(temp, pem, StandardCharsets.US_ASCII);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return pair;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is required of every Java 17 runtime", e);
    }
  }

  private static KeyPair parse(String text, Path file) {
    byte[] privateDer = null;
    byte[] publicDer = null;
    Matcher matcher = PEM.matcher(text);
    while (matcher.find()) {
      byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
      switch (matcher.group(1)) {
        case "PRIVATE KEY" -> privateDer = der;
        case "PUBLIC KEY" -> publicDer = der;
        default -> {
          // other blocks (certificates, comments) are not ours to read
        }
      }
    }
    if (privateDer == null || publicDer == null) {
      throw new IllegalStateException(
          "Signing key file " + file + " must hold a PRIVATE KEY and a PUBLIC KEY PEM block");
    }
    try {
      KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
      return new KeyPair(
          factory.generatePublic(new X509EncodedKeySpec(publicDer)),
          factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing key file " + file + " is not an Ed25519 key", e);
    }
  }

  private static void checkBelongTogether(KeyPair pair, Path file) {
    try {
      byte[] probe = "upgradehub".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(pair.getPrivate());
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(pair.getPublic());
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException("The keys in " + file + " do not belong together");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing key file " + file + " is unusable", e);
    }
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  static String publicPem(KeyPair pair) {
    return pem("PUBLIC KEY", pair.getPublic().getEncoded());
  }
}
