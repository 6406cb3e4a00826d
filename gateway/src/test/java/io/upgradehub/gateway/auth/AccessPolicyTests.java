package io.upgradehub.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.gateway.apikey.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class AccessPolicyTests {

  @Test
  void requiresAKeyUnderApiOnly() {
    assertThat(AccessPolicy.requiresKey(path("/api/v1/packages"))).isTrue();
    assertThat(AccessPolicy.requiresKey(path("/api"))).isTrue();
    assertThat(AccessPolicy.requiresKey(path("/actuator/health/liveness"))).isFalse();
    assertThat(AccessPolicy.requiresKey(path("/v3/api-docs/package-service"))).isFalse();
    assertThat(AccessPolicy.requiresKey(path("/swagger-ui.html"))).isFalse();
    assertThat(AccessPolicy.requiresKey(path("/apix"))).isFalse();
  }

  @Test
  void adminMayDoEverything() {
    for (HttpMethod method : HttpMethod.values()) {
      assertThat(AccessPolicy.permits(Role.ADMIN, method, path("/api/v1/api-keys/x"))).isTrue();
      assertThat(AccessPolicy.permits(Role.ADMIN, method, path("/api/v1/packages"))).isTrue();
    }
  }

  @Test
  void operatorMayDoEverythingButManageKeys() {
    assertThat(AccessPolicy.permits(Role.OPERATOR, HttpMethod.POST, path("/api/v1/packages")))
        .isTrue();
    assertThat(AccessPolicy.permits(Role.OPERATOR, HttpMethod.DELETE, path("/api/v1/packages/p1")))
        .isTrue();
    assertThat(AccessPolicy.permits(Role.OPERATOR, HttpMethod.GET, path("/api/v1/api-keys")))
        .isFalse();
    assertThat(AccessPolicy.permits(Role.OPERATOR, HttpMethod.DELETE, path("/api/v1/api-keys/k")))
        .isFalse();
  }

  @Test
  void viewerMayOnlyReadAndNeverKeys() {
    assertThat(AccessPolicy.permits(Role.VIEWER, HttpMethod.GET, path("/api/v1/packages")))
        .isTrue();
    assertThat(AccessPolicy.permits(Role.VIEWER, HttpMethod.HEAD, path("/api/v1/packages")))
        .isTrue();
    for (HttpMethod write :
        new HttpMethod[] {
          HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS
        }) {
      assertThat(AccessPolicy.permits(Role.VIEWER, write, path("/api/v1/packages"))).isFalse();
    }
    assertThat(AccessPolicy.permits(Role.VIEWER, HttpMethod.GET, path("/api/v1/api-keys")))
        .isFalse();
  }

  @Test
  void treatsCampaignPathsLikeEveryOtherApiPath() {
    for (String path :
        new String[] {
          "/api/v1/packages/p1/batches", "/api/v1/packages/p1/verifications", "/api/v1/batches/b1"
        }) {
      assertThat(AccessPolicy.permits(Role.ADMIN, HttpMethod.POST, path(path))).isTrue();
      assertThat(AccessPolicy.permits(Role.OPERATOR, HttpMethod.POST, path(path))).isTrue();
      assertThat(AccessPolicy.permits(Role.VIEWER, HttpMethod.GET, path(path))).isTrue();
      assertThat(AccessPolicy.permits(Role.VIEWER, HttpMethod.POST, path(path))).isFalse();
    }
    assertThat(
            AccessPolicy.permits(Role.OPERATOR, HttpMethod.POST, path("/api/v1/batches/b1/cancel")))
        .isTrue();
    assertThat(
            AccessPolicy.permits(Role.VIEWER, HttpMethod.POST, path("/api/v1/batches/b1/cancel")))
        .isFalse();
  }

  @Test
  void seesKeyManagementThroughMatrixParametersAndEncoding() {
    assertThat(AccessPolicy.permits(Role.OPERATOR, HttpMethod.GET, path("/api/v1;a=b/api-keys")))
        .isFalse();
    assertThat(AccessPolicy.permits(Role.OPERATOR, HttpMethod.GET, path("/api/v1/api%2Dkeys")))
        .isFalse();
  }

  @Test
  void flagsDotSegmentsAndEncodedSlashesAsAmbiguous() {
    assertThat(AccessPolicy.isAmbiguous(path("/api/v1/packages/../api-keys"))).isTrue();
    assertThat(AccessPolicy.isAmbiguous(path("/api/v1/packages/%2e%2e/api-keys"))).isTrue();
    assertThat(AccessPolicy.isAmbiguous(path("/api/v1/./packages"))).isTrue();
    assertThat(AccessPolicy.isAmbiguous(path("/api/v1/packages%2Fx"))).isTrue();
    assertThat(AccessPolicy.isAmbiguous(path("/api/v1/packages/fw-1.2.3.bin"))).isFalse();
  }

  private static PathContainer path(String path) {
    return PathContainer.parsePath(path);
  }
}
