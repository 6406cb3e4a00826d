package io.upgradehub.packages.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewPackageRequestTests {

  @Test
  void defaultsModuleTrimsNameAndSortsDistinctFromVersions() {
    NewPackage spec =
        new NewPackageRequest(
                "  Camera  ",
                "DIFF",
                "cam",
                null,
                "2.0",
                List.of("1.1", "1.0", "1.1"),
                "",
                null,
                "ABCDEF0123456789ABCDEF0123456789")
            .validate();

    assertThat(spec.name()).isEqualTo("Camera");
    assertThat(spec.module()).isEqualTo("default");
    assertThat(spec.fromVersions()).containsExactly("1.0", "1.1");
    assertThat(spec.description()).isNull();
    assertThat(spec.expectedMd5()).isEqualTo("abcdef0123456789abcdef0123456789");
  }

  @Test
  void samePackagesInAnyFromVersionOrderShareOneIdentity() {
    NewPackage a =
        new NewPackageRequest("a", "DIFF", "cam", "mcu", "2", List.of("1", "0"), null, null, null)
            .validate();
    NewPackage b =
        new NewPackageRequest("b", "DIFF", "cam", "mcu", "2", List.of("0", "1"), null, null, null)
            .validate();

    assertThat(a.identity()).isEqualTo(b.identity());
  }

  @Test
  void fullAndDiffOfTheSameTargetAreDifferentPackages() {
    NewPackage full =
        new NewPackageRequest("a", "FULL", "cam", null, "2", List.of("1"), null, null, null)
            .validate();
    NewPackage diff =
        new NewPackageRequest("a", "DIFF", "cam", null, "2", List.of("1"), null, null, null)
            .validate();

    assertThat(full.identity()).isNotEqualTo(diff.identity());
  }

  @Test
  void reportsEveryInvalidFieldAtOnce() {
    ApiException error =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new NewPackageRequest(
                        null,
                        "BOTH",
                        "bad key",
                        "m".repeat(33),
                        "1 0",
                        Arrays.asList("x", null),
                        "d".repeat(1001),
                        "12",
                        null)
                    .validate());

    assertThat(error.code()).isEqualTo(CommonError.VALIDATION_FAILED);
    assertThat(error.fieldErrors())
        .extracting(FieldError::field, FieldError::code)
        .contains(
            org.assertj.core.groups.Tuple.tuple("name", "REQUIRED"),
            org.assertj.core.groups.Tuple.tuple("type", "UNKNOWN_VALUE"),
            org.assertj.core.groups.Tuple.tuple("productKey", "INVALID_FORMAT"),
            org.assertj.core.groups.Tuple.tuple("module", "TOO_LONG"),
            org.assertj.core.groups.Tuple.tuple("targetVersion", "INVALID_FORMAT"),
            org.assertj.core.groups.Tuple.tuple("fromVersions[1]", "REQUIRED"),
            org.assertj.core.groups.Tuple.tuple("description", "TOO_LONG"),
            org.assertj.core.groups.Tuple.tuple("sha256", "INVALID_FORMAT"));
  }

  @Test
  void refusesMoreThanOneHundredFromVersions() {
    List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(i -> "1." + i).toList();

    ApiException error =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new NewPackageRequest("a", "DIFF", "cam", null, "2", many, null, null, null)
                    .validate());

    assertThat(error.fieldErrors()).extracting(FieldError::code).contains("TOO_MANY");
  }
}
