package io.upgradehub.inventory.product;

import io.swagger.v3.oas.annotations.media.Schema;
import io.upgradehub.problems.FieldErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/v1/products}; every field is checked here, on the server. */
@Schema(description = "A new product and its modules")
record NewProductRequest(
    @Schema(
            description = "1-64 of A-Z a-z 0-9 _ -; unique",
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String productKey,
    @Schema(description = "1-64 characters", requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String name,
    @Schema(description = "at most 1000 characters") @Nullable String description,
    @Schema(
            description =
                "at most 32, names distinct; 'default' (module firmware) is added when missing")
        @Nullable List<@Nullable ModuleRequest> modules) {

  static final int MAX_KEY = 64;
  static final int MAX_NAME = 64;
  static final int MAX_DESCRIPTION = 1000;
  static final int MAX_MODULES = 32;
  static final int MAX_MODULE_NAME = 32;
  static final int MAX_MODULE_DESCRIPTION = 256;
  static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private static final String KEY_CHARACTERS = "letters, digits, '_' or '-'";

  /** One module of a new product. */
  record ModuleRequest(
      @Schema(description = "1-32 of A-Z a-z 0-9 _ -", requiredMode = Schema.RequiredMode.REQUIRED)
          @Nullable String name,
      @Schema(description = "at most 256 characters") @Nullable String description) {}

  /**
   * @throws io.upgradehub.inventory.system.ApiException {@code VALIDATION_FAILED} listing every
   *     invalid field
   */
  NewProduct validate() {
    FieldErrors errors = new FieldErrors();
    errors
        .requireText("productKey", productKey, MAX_KEY)
        .matches("productKey", productKey, KEY, KEY_CHARACTERS);
    String trimmedName = name == null ? null : name.strip();
    errors.requireText("name", trimmedName, MAX_NAME);
    errors.maxLength("description", description, MAX_DESCRIPTION);
    List<ProductModule> checked = checkModules(errors);
    errors.throwIfAny();
    return new NewProduct(
        productKey,
        trimmedName,
        description == null || description.isBlank() ? null : description,
        checked);
  }

  private List<ProductModule> checkModules(FieldErrors errors) {
    List<@Nullable ModuleRequest> given = modules == null ? List.of() : modules;
    if (given.size() > MAX_MODULES) {
      errors.add("modules", "TOO_MANY", "at most " + MAX_MODULES + " modules");
    }
    List<ProductModule> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      ModuleRequest module = given.get(i);
      String field = "modules[" + i + "]";
      if (module == null) {
        errors.add(field, "REQUIRED", "must be a module");
        continue;
      }
      errors
          .requireText(field + ".name", module.name(), MAX_MODULE_NAME)
          .matches(field + ".name", module.name(), KEY, KEY_CHARACTERS)
          .maxLength(field + ".description", module.description(), MAX_MODULE_DESCRIPTION);
      if (module.name() != null && !seen.add(module.name())) {
        errors.add(field + ".name", "DUPLICATE", "module names must be distinct");
      }
      String description =
          module.description() == null || module.description().isBlank()
              ? null
              : module.description();
      result.add(new ProductModule(module.name(), description));
    }
    if (!seen.contains(Product.DEFAULT_MODULE)) {
      result.add(0, new ProductModule(Product.DEFAULT_MODULE, "module firmware"));
    }
    return result;
  }
}
