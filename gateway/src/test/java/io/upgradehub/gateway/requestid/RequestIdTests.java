package io.upgradehub.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdTests {

  @Test
  void acceptsUpTo128CharactersOfTheSafeAlphabet() {
    assertThat(RequestId.isWellFormed("abc-DEF_123.x")).isTrue();
    assertThat(RequestId.isWellFormed("a".repeat(128))).isTrue();
  }

  @Test
  void rejectsEmptyOverlongOrUnsafeIds() {
    assertThat(RequestId.isWellFormed(null)).isFalse();
    assertThat(RequestId.isWellFormed("")).isFalse();
    assertThat(RequestId.isWellFormed("a".repeat(129))).isFalse();
    assertThat(RequestId.isWellFormed("id with space")).isFalse();
    assertThat(RequestId.isWellFormed("id\r\nX-Injected: 1")).isFalse();
    assertThat(RequestId.isWellFormed("ünïcode")).isFalse();
  }

  @Test
  void keepsAWellFormedIdAndReplacesOthersWithAUuid() {
    assertThat(RequestId.keepOrGenerate("keep.me")).isEqualTo("keep.me");
    String generated = RequestId.keepOrGenerate("not ok");
    assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
    assertThat(RequestId.keepOrGenerate(null)).isNotEqualTo(RequestId.keepOrGenerate(null));
  }
}
