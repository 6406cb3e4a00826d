package io.upgradehub.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTests {

  @Test
  void makesPrefixedBase64UrlKeysOf32RandomBytes() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String key = ApiKeySecrets.newKey();
      assertThat(key).matches("uh_[A-Za-z0-9_-]{43}");
      keys.add(key);
    }
    assertThat(keys).hasSize(1000);
  }

  @Test
  void digestsWithSha256Hex() {
    // FIPS 180-2 test vector
    assertThat(ApiKeySecrets.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void showsOnlyThePrefixAndEightCharacters() {
    assertThat(ApiKeySecrets.shownPart("uh_ABCDEFGHijklmnop")).isEqualTo("uh_ABCDEFGH");
  }
}
