package io.upgradehub.packages.catalog;

import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The fields an operator may change, read as a JSON merge patch (RFC 7396): an absent field stays
 * as it is; {@code "description": null} or {@code ""} clears it. Any other field is refused rather
 * than silently ignored, so a caller trying to change, say, the target version learns that it
 * cannot.
 *
 * @param enabled null when absent
 * @param description null when absent, empty to clear
 */
record PackagePatchRequest(@Nullable Boolean enabled, @Nullable String description) {

  private static final Set<String> FIELDS = Set.of("enabled", "description");

  /**
   * @throws ApiException {@code MALFORMED_REQUEST} when the body is not a JSON object, {@code
   *     VALIDATION_FAILED} naming each unknown, mistyped or too long field
   */
  static PackagePatchRequest from(@Nullable JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ApiException(CommonError.MALFORMED_REQUEST, "The patch must be a JSON object");
    }
    FieldErrors errors = new FieldErrors();
    for (String field : body.propertyNames()) {
      if (!FIELDS.contains(field)) {
        errors.add(field, "NOT_MODIFIABLE", "cannot be changed; modifiable: enabled, description");
      }
    }
    Boolean enabled = null;
    JsonNode enabledNode = body.get("enabled");
    if (enabledNode != null) {
      if (enabledNode.isBoolean()) {
        enabled = enabledNode.booleanValue();
      } else {
        errors.add("enabled", "INVALID_VALUE", "must be true or false");
      }
    }
    String description = null;
    JsonNode descriptionNode = body.get("description");
    if (descriptionNode != null) {
      if (descriptionNode.isNull()) {
        description = "";
      } else if (descriptionNode.isString()) {
        description = descriptionNode.stringValue();
        errors.maxLength("description", description, NewPackageRequest.MAX_DESCRIPTION);
      } else {
        errors.add("description", "INVALID_VALUE", "must be a string or null");
      }
    }
    errors.throwIfAny();
    return new PackagePatchRequest(enabled, description);
  }
}
