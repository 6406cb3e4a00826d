package io.upgradehub.platform.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyTests {

  @Test
  void generatesUrlSafeKeysOf32RandomBytesWithThePrefix() {
    ApiKey first = ApiKey.generate("ci", "admin");
    ApiKey second = ApiKey.generate("ci", "admin");

    assertThat(first.key()).matches("uh_[A-Za-z0-9_-]{43}");
    assertThat(first.key()).isNotEqualTo(second.key());
  }

  @Test
  void hashesTheKeyAsLowercaseHexSha256() {
    ApiKey key = new ApiKey("a", "viewer", "abc");

    assertThat(key.sha256Hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void neverPrintsTheSecret() {
    ApiKey key = ApiKey.generate("ci", "admin");

    assertThat(key.toString()).doesNotContain(key.key()).contains("ci", "admin");
  }

  @Test
  void configuresTheGatewayWithTheHashAtTheGivenIndex() {
    ApiKey key = new ApiKey("ops", "operator", "abc");

    assertThat(GatewayKey.of(key).properties(2))
        .containsExactly(
            "upgradehub.gateway.api-keys[2].name=ops",
            "upgradehub.gateway.api-keys[2].role=operator",
            "upgradehub.gateway.api-keys[2].sha256=" + key.sha256Hex());
  }
}
