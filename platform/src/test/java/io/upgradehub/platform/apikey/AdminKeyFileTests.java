package io.upgradehub.platform.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminKeyFileTests {

  @TempDir Path dir;

  @Test
  void generatesAKeyOnFirstStartAndStoresOnlyItsHash() throws Exception {
    Path file = dir.resolve("admin-key.sha256");

    AdminKeyFile.Resolved first = AdminKeyFile.resolve(file);

    assertThat(first.generated()).isPresent();
    String key = first.generated().get().key();
    assertThat(Files.readString(file).trim())
        .isEqualTo(ApiKey.sha256Hex(key))
        .doesNotContain(key.substring(3));
    assertThat(first.gatewayKey())
        .isEqualTo(new GatewayKey("local-admin", "admin", ApiKey.sha256Hex(key)));
  }

  @Test
  void keepsTheStoredHashOnLaterStartsWithoutRevealingAKey() {
    Path file = dir.resolve("admin-key.sha256");
    AdminKeyFile.Resolved first = AdminKeyFile.resolve(file);

    AdminKeyFile.Resolved second = AdminKeyFile.resolve(file);

    assertThat(second.generated()).isEmpty();
    assertThat(second.gatewayKey()).isEqualTo(first.gatewayKey());
  }

  @Test
  void generatesANewKeyWhenTheFileWasDeleted() throws Exception {
    Path file = dir.resolve("admin-key.sha256");
    AdminKeyFile.Resolved first = AdminKeyFile.resolve(file);
    Files.delete(file);

    AdminKeyFile.Resolved rotated = AdminKeyFile.resolve(file);

    assertThat(rotated.generated()).isPresent();
    assertThat(rotated.gatewayKey().sha256()).isNotEqualTo(first.gatewayKey().sha256());
  }

  @Test
  void rejectsAFileThatDoesNotHoldAHash() throws Exception {
    Path file = dir.resolve("admin-key.sha256");
    Files.writeString(file, "uh_plaintext-key-pasted-by-mistake");

    assertThatThrownBy(() -> AdminKeyFile.resolve(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("delete it");
  }
}
