package io.upgradehub.inventory.device;

import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PATCH /api/v1/products/{productKey}/devices/{deviceName}}, a JSON merge patch
 * of the device of which only {@code tags} may be changed. Read as a tree rather than bound to
 * fields, so that a field that cannot be changed is refused by name instead of ignored.
 */
record DeviceChangeRequest(JsonNode body) {

  static final String TAGS = "tags";

  /**
   * The tags to set, sorted; empty for none.
   *
   * @return null when the patch does not name {@code tags}: nothing changes
   * @throws ApiException {@code MALFORMED_REQUEST} for a body that is no JSON object; {@code
   *     VALIDATION_FAILED} listing every field that cannot be changed ({@code NOT_MODIFIABLE}) and
   *     every broken tag rule ({@link DeviceTags#check})
   */
  @Nullable List<String> validate() {
    if (!body.isObject()) {
      throw new ApiException(CommonError.MALFORMED_REQUEST, "a device change is a JSON object");
    }
    FieldErrors errors = new FieldErrors();
    List<String> tags = null;
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!field.getKey().equals(TAGS)) {
        errors.add(field.getKey(), "NOT_MODIFIABLE", "only 'tags' can be changed");
      }
    }
    JsonNode given = body.get(TAGS);
    if (given != null) {
      List<@Nullable String> texts = texts(given, errors);
      tags = texts == null ? null : DeviceTags.check(TAGS, texts, errors);
    }
    errors.throwIfAny();
    return tags;
  }

  /**
   * The array's elements as texts, a number or boolean as its JSON text (as a registration's body
   * reads them); a merge patch's null removes the tags.
   *
   * @return null when {@code given} is no array of scalars (the error is added)
   */
  private static @Nullable List<@Nullable String> texts(JsonNode given, FieldErrors errors) {
    if (given.isNull()) {
      return List.of();
    }
    if (!given.isArray()) {
      errors.add(TAGS, "INVALID_VALUE", "must be an array of texts");
      return null;
    }
    List<@Nullable String> texts = new ArrayList<>();
    for (JsonNode element : given.values()) {
      if (element.isContainer()) {
        errors.add(TAGS + "[" + texts.size() + "]", "INVALID_VALUE", "must be a text");
        return null;
      }
      texts.add(element.isNull() ? null : element.asString());
    }
    return texts;
  }
}
