package io.upgradehub.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.mongodb.MongoTimeoutException;
import io.upgradehub.gateway.TestKeys;
import io.upgradehub.gateway.apikey.ApiKeyProperties.BootstrapKey;
import io.upgradehub.gateway.problem.ErrorCode;
import io.upgradehub.gateway.problem.FieldError;
import io.upgradehub.gateway.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ApiKeysTests {

  private final ApiKeyStore store = mock(ApiKeyStore.class);
  private final MutableClock clock = new MutableClock();
  private final ApiKeys apiKeys =
      new ApiKeys(
          new ApiKeyProperties(
              List.of(
                  new BootstrapKey("boot-admin", Role.ADMIN, TestKeys.sha256Hex("admin-secret")),
                  new BootstrapKey("boot-viewer", Role.VIEWER, TestKeys.sha256Hex("view"))),
              Duration.ofSeconds(30),
              Duration.ofSeconds(5)),
          store,
          clock);

  @Test
  void recognisesConfiguredKeysWithoutAskingTheStore() {
    StepVerifier.create(apiKeys.authenticate("view"))
        .expectNext(new ApiKeyPrincipal("boot-viewer", Role.VIEWER))
        .verifyComplete();
    StepVerifier.create(apiKeys.authenticate("admin-secret"))
        .expectNext(new ApiKeyPrincipal("boot-admin", Role.ADMIN))
        .verifyComplete();
    verifyNoInteractions(store);
  }

  @Test
  void doesNotAskTheStoreForKeysItCannotHold() {
    StepVerifier.create(apiKeys.authenticate("not-a-generated-key")).verifyComplete();
    verifyNoInteractions(store);
  }

  @Test
  void remembersStoredKeysForTheCacheTtl() {
    String key = ApiKeySecrets.newKey();
    when(store.findBySha256(TestKeys.sha256Hex(key)))
        .thenReturn(Mono.just(stored("ci", Role.OPERATOR)));

    apiKeys.authenticate(key).block();
    clock.advance(Duration.ofSeconds(29));
    StepVerifier.create(apiKeys.authenticate(key))
        .expectNext(new ApiKeyPrincipal("ci", Role.OPERATOR))
        .verifyComplete();
    verify(store, times(1)).findBySha256(anyString());

    clock.advance(Duration.ofSeconds(2));
    apiKeys.authenticate(key).block();
    verify(store, times(2)).findBySha256(anyString());
  }

  @Test
  void forgetsADeletedKeyAtOnce() {
    String key = ApiKeySecrets.newKey();
    when(store.findBySha256(anyString()))
        .thenReturn(Mono.just(stored("ci", Role.OPERATOR)), Mono.empty());
    when(store.deleteByName("ci")).thenReturn(Mono.just(true));
    apiKeys.authenticate(key).block();

    apiKeys.delete("ci").block();

    StepVerifier.create(apiKeys.authenticate(key)).verifyComplete();
  }

  @Test
  void answersServiceUnavailableWhenTheStoreFails() {
    when(store.findBySha256(anyString()))
        .thenReturn(Mono.error(new MongoTimeoutException("no server")));

    StepVerifier.create(apiKeys.authenticate(ApiKeySecrets.newKey()))
        .expectErrorSatisfies(
            error ->
                assertThat(error)
                    .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem ->
                            assertThat(problem.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE)))
        .verify();
  }

  @Test
  void storesNothingWhenTheRequestIsInvalid() {
    StepVerifier.create(apiKeys.create(new CreateApiKeyRequest(null, null), "boot-admin"))
        .expectErrorSatisfies(
            error ->
                assertThat(((ProblemException) error).errors())
                    .extracting(FieldError::field)
                    .containsExactly("name", "role"))
        .verify();
    StepVerifier.create(apiKeys.create(new CreateApiKeyRequest("boot-viewer", "admin"), null))
        .expectErrorSatisfies(
            error ->
                assertThat(((ProblemException) error).code())
                    .isEqualTo(ErrorCode.API_KEY_NAME_TAKEN))
        .verify();
    verifyNoInteractions(store);
  }

  @Test
  void storesTheDigestAndShowsThePlaintextOnce() {
    when(store.insert(any())).thenReturn(Mono.empty());

    CreatedApiKey created =
        apiKeys.create(new CreateApiKeyRequest("ci", "viewer"), "boot-admin").block();

    assertThat(created.key()).startsWith("uh_");
    assertThat(created.createdAt()).isEqualTo(clock.instant());
    verify(store)
        .insert(
            new StoredApiKey(
                TestKeys.sha256Hex(created.key()),
                "ci",
                Role.VIEWER,
                created.key().substring(0, 11),
                clock.instant(),
                "boot-admin"));
  }

  @Test
  void refusesToDeleteAConfiguredKey() {
    StepVerifier.create(apiKeys.delete("boot-admin"))
        .expectErrorSatisfies(
            error ->
                assertThat(((ProblemException) error).code())
                    .isEqualTo(ErrorCode.API_KEY_MANAGED_BY_CONFIG))
        .verify();
    verifyNoInteractions(store);
  }

  private StoredApiKey stored(String name, Role role) {
    return new StoredApiKey("digest", name, role, "uh_xxxxxxxx", clock.instant(), null);
  }

  private static final class MutableClock extends Clock {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
