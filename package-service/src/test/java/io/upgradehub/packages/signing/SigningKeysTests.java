package io.upgradehub.packages.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTests {

  @TempDir Path dir;

  @Test
  void generatesPersistsAndReloadsTheSameKey() throws Exception {
    Path file = dir.resolve("keys/signing-key.pem");

    KeyPair first = SigningKeys.load(new SigningProperties(file, true));
    KeyPair again = SigningKeys.load(new SigningProperties(file, false));

    assertThat(again.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void refusesToStartWithoutAKeyWhenGenerationIsOff() {
    assertThatIllegalStateException()
        .isThrownBy(() -> SigningKeys.load(new SigningProperties(dir.resolve("none.pem"), false)))
        .withMessageContaining("does not exist");
  }

  @Test
  void refusesKeysThatDoNotBelongTogether() throws Exception {
    KeyPair one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path file = dir.resolve("mixed.pem");
    Files.writeString(
        file,
        pem("PRIVATE KEY", one.getPrivate().getEncoded())
            + pem("PUBLIC KEY", other.getPublic().getEncoded()));

    assertThatIllegalStateException()
        .isThrownBy(() -> SigningKeys.load(new SigningProperties(file, false)))
        .withMessageContaining("do not belong together");
  }

  @Test
  void refusesAFileWithoutThePublicKey() throws Exception {
    KeyPair one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path file = dir.resolve("private-only.pem");
    Files.writeString(file, pem("PRIVATE KEY", one.getPrivate().getEncoded()));

    assertThatIllegalStateException()
        .isThrownBy(() -> SigningKeys.load(new SigningProperties(file, false)))
        .withMessageContaining("PUBLIC KEY");
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }
}
