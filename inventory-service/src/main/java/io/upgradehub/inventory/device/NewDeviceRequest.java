package io.upgradehub.inventory.device;

import io.swagger.v3.oas.annotations.media.Schema;
import io.upgradehub.inventory.product.Product;
import io.upgradehub.problems.FieldErrors;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/v1/products/{productKey}/devices}; the fields are checked here,
 * whether the modules exist in the product by {@link DeviceManagement}.
 */
@Schema(description = "A device to register")
record NewDeviceRequest(
    @Schema(
            description = "1-64 of A-Z a-z 0-9 . _ -; unique within the product",
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable String deviceName,
    @Schema(
            description =
                "optional initial version per module name (each module must exist in the"
                    + " product); a version is 1-64 of A-Z a-z 0-9 . _ + -",
            example = "{\"default\":\"1.0.0\",\"mcu\":\"2.1\"}")
        @Nullable Map<String, @Nullable String> versions,
    @Schema(
            description =
                "optional tags (groups a campaign can target): at most 20 distinct, each 1-32 of"
                    + " A-Z a-z 0-9 _ . : -",
            example = "[\"beta\",\"region:eu\"]")
        @Nullable List<@Nullable String> tags) {

  static final int MAX_NAME = 64;
  static final int MAX_MODULE = 32;
  static final int MAX_VERSION = 64;
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_-]+");
  static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]+");

  /** Whether {@code value} is a version by the rule above; what events are checked against. */
  static boolean isVersion(@Nullable String value) {
    return value != null && value.length() <= MAX_VERSION && VERSION.matcher(value).matches();
  }

  /**
   * Checks a module a request names under {@code field}, adding an error when it can be no module
   * ({@code REQUIRED}, {@code TOO_LONG} or {@code INVALID_FORMAT}).
   *
   * @param module null for {@value Product#DEFAULT_MODULE}
   * @return the module; meaningless when an error was added
   */
  static String checkModule(String field, @Nullable String module, FieldErrors errors) {
    String checked = module == null ? Product.DEFAULT_MODULE : module;
    errors.requireText(field, checked, MAX_MODULE).matches(field, checked, MODULE, "a module name");
    return checked;
  }

  /**
   * Checks a version given under {@code field} by the rule above, adding an error for a broken one
   * ({@code REQUIRED}, {@code TOO_LONG} or {@code INVALID_FORMAT}).
   */
  static void checkVersion(String field, @Nullable String version, FieldErrors errors) {
    errors
        .requireText(field, version, MAX_VERSION)
        .matches(field, version, VERSION, "letters, digits, '.', '_', '+' or '-'");
  }

  /**
   * @throws io.upgradehub.inventory.system.ApiException {@code VALIDATION_FAILED} listing every
   *     invalid field
   */
  NewDevice validate() {
    FieldErrors errors = new FieldErrors();
    errors
        .requireText("deviceName", deviceName, MAX_NAME)
        .matches("deviceName", deviceName, NAME, "letters, digits, '.', '_' or '-'");
    Map<String, String> checked = new TreeMap<>();
    if (versions != null) {
      versions.forEach(
          (module, version) -> {
            String field = "versions." + module;
            if (module.isEmpty()
                || module.length() > MAX_MODULE
                || !MODULE.matcher(module).matches()) {
              errors.add(field, "INVALID_MODULE", "a module name is 1-32 letters, digits, _ or -");
            }
            checkVersion(field, version, errors);
            checked.put(module, version);
          });
    }
    List<String> checkedTags = DeviceTags.check("tags", tags, errors);
    errors.throwIfAny();
    return new NewDevice(deviceName, checked, checkedTags);
  }
}
