package io.upgradehub.packages.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import io.upgradehub.problems.FieldErrors;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code metadata} part of a package upload. Every field is checked here, on the server, before
 * a byte of the file is read.
 */
@Schema(description = "Package metadata; send as the first multipart part, named 'metadata'")
public record NewPackageRequest(
    @Schema(description = "1-64 characters", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String name,
    @Schema(
            allowableValues = {"FULL", "DIFF"},
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String type,
    @Schema(description = "1-64 of A-Z a-z 0-9 _ -", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String productKey,
    @Schema(description = "default: 'default' (module firmware); e.g. 'mcu'")
        @Nullable String module,
    @Schema(
            description = "1-64 of A-Z a-z 0-9 . _ + -",
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String targetVersion,
    @Schema(description = "required and non-empty for DIFF; for FULL empty means any")
        @Nullable List<String> fromVersions,
    @Schema(description = "at most 1000 characters") @Nullable String description,
    @Schema(description = "optional: the upload is refused unless the file has this SHA-256")
        @Nullable String sha256,
    @Schema(description = "optional: the upload is refused unless the file has this MD5")
        @Nullable String md5) {

  static final int MAX_NAME = 64;
  static final int MAX_KEY = 64;
  static final int MAX_MODULE = 32;
  static final int MAX_VERSION = 64;
  static final int MAX_FROM_VERSIONS = 100;
  static final int MAX_DESCRIPTION = 1000;
  static final String DEFAULT_MODULE = "default";

  static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");
  static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");

  /**
   * @throws io.upgradehub.packages.system.ApiException {@code VALIDATION_FAILED} listing every
   *     invalid field
   */
  NewPackage validate() {
    FieldErrors errors = new FieldErrors();
    String trimmedName = name == null ? null : name.strip();
    errors.requireText("name", trimmedName, MAX_NAME);
    PackageType packageType = parseType(errors);
    errors
        .requireText("productKey", productKey, MAX_KEY)
        .matches("productKey", productKey, KEY, "letters, digits, '_' or '-'");
    String moduleName = module == null || module.isBlank() ? DEFAULT_MODULE : module;
    errors
        .maxLength("module", moduleName, MAX_MODULE)
        .matches("module", moduleName, KEY, "letters, digits, '_' or '-'");
    errors
        .requireText("targetVersion", targetVersion, MAX_VERSION)
        .matches("targetVersion", targetVersion, VERSION, "letters, digits, '.', '_', '+' or '-'");
    List<String> from = checkFromVersions(errors, packageType);
    errors.maxLength("description", description, MAX_DESCRIPTION);
    errors.matches("sha256", sha256, SHA256, "64 hex digits");
    errors.matches("md5", md5, MD5, "32 hex digits");
    errors.throwIfAny();
    return new NewPackage(
        trimmedName,
        packageType,
        productKey,
        moduleName,
        targetVersion,
        from,
        description == null || description.isBlank() ? null : description,
        sha256 == null ? null : sha256.toLowerCase(Locale.ROOT),
        md5 == null ? null : md5.toLowerCase(Locale.ROOT));
  }

  private @Nullable PackageType parseType(FieldErrors errors) {
    if (type == null || type.isBlank()) {
      errors.add("type", "REQUIRED", "must be FULL or DIFF");
      return null;
    }
    try {
      return PackageType.valueOf(type);
    } catch (IllegalArgumentException e) {
      errors.add("type", "UNKNOWN_VALUE", "must be FULL or DIFF");
      return null;
    }
  }

  private List<String> checkFromVersions(FieldErrors errors, @Nullable PackageType packageType) {
    List<String> given = fromVersions == null ? List.of() : fromVersions;
    if (packageType == PackageType.DIFF && given.isEmpty()) {
      errors.add("fromVersions", "REQUIRED_FOR_DIFF", "a DIFF package must name its from-versions");
    }
    if (given.size() > MAX_FROM_VERSIONS) {
      errors.add("fromVersions", "TOO_MANY", "at most " + MAX_FROM_VERSIONS + " versions");
    }
    for (int i = 0; i < given.size(); i++) {
      String field = "fromVersions[" + i + "]";
      String version = given.get(i);
      errors
          .requireText(field, version, MAX_VERSION)
          .matches(field, version, VERSION, "letters, digits, '.', '_', '+' or '-'");
      if (version != null && version.equals(targetVersion)) {
        errors.add(field, "SAME_AS_TARGET", "a package cannot upgrade a version to itself");
      }
    }
    return List.copyOf(new TreeSet<>(given.stream().filter(v -> v != null).toList()));
  }
}
