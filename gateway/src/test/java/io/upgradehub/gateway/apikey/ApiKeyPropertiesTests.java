package io.upgradehub.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.upgradehub.gateway.apikey.ApiKeyProperties.BootstrapKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeyPropertiesTests {

  private static final String DIGEST = "A".repeat(64);

  @Test
  void normalisesTheDigestToLowerCase() {
    assertThat(new BootstrapKey("admin", Role.ADMIN, DIGEST).sha256()).isEqualTo("a".repeat(64));
  }

  @Test
  void rejectsADigestThatIsNotSha256Hex() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BootstrapKey("admin", Role.ADMIN, "plaintext-key"))
        .withMessageContaining("64 hex digits");
  }

  @Test
  void rejectsInvalidNamesMissingRolesAndDuplicates() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> properties(new BootstrapKey("has space", Role.ADMIN, DIGEST)))
        .withMessageContaining("api-keys[0].name");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> properties(new BootstrapKey("admin", null, DIGEST)))
        .withMessageContaining("api-keys[0].role");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                properties(
                    new BootstrapKey("a", Role.ADMIN, DIGEST),
                    new BootstrapKey("a", Role.VIEWER, "b".repeat(64))))
        .withMessageContaining("used twice");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                properties(
                    new BootstrapKey("a", Role.ADMIN, DIGEST),
                    new BootstrapKey("b", Role.VIEWER, DIGEST)))
        .withMessageContaining("api-keys[1].sha256");
  }

  @Test
  void hasNoKeysUnlessConfigured() {
    assertThat(new ApiKeyProperties(null, Duration.ZERO, Duration.ofSeconds(1)).apiKeys())
        .isEmpty();
  }

  private static ApiKeyProperties properties(BootstrapKey... keys) {
    return new ApiKeyProperties(List.of(keys), Duration.ofSeconds(30), Duration.ofSeconds(5));
  }
}
