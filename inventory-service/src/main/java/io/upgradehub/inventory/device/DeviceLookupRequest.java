package io.upgradehub.inventory.device;

import io.upgradehub.inventory.product.Product;
import io.upgradehub.problems.FieldErrors;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /internal/v1/products/{productKey}/devices/lookup}: devices to look up by
 * name, and the module whose version to answer.
 *
 * @param module the module; {@value Product#DEFAULT_MODULE} when absent
 * @param deviceNames required, 1-{@value #MAX_NAMES} device names; a name given twice is answered
 *     once
 */
record DeviceLookupRequest(@Nullable String module, @Nullable List<@Nullable String> deviceNames) {

  static final int MAX_NAMES = 1000;

  /** A checked lookup: the module, and the names distinct, in the order first given. */
  record Checked(String module, List<String> deviceNames) {}

  /**
   * @throws io.upgradehub.problems.ApiException {@code VALIDATION_FAILED} listing every invalid
   *     field ({@code module} {@code INVALID_FORMAT}; {@code deviceNames} {@code REQUIRED} or
   *     {@code TOO_MANY}; {@code deviceNames[i]} as a registration's {@code deviceName})
   */
  Checked validate() {
    FieldErrors errors = new FieldErrors();
    String checkedModule = module == null ? Product.DEFAULT_MODULE : module;
    errors
        .requireText("module", checkedModule, NewDeviceRequest.MAX_MODULE)
        .matches("module", checkedModule, NewDeviceRequest.MODULE, "a module name");
    LinkedHashSet<String> names = new LinkedHashSet<>();
    if (deviceNames == null || deviceNames.isEmpty()) {
      errors.add("deviceNames", "REQUIRED", "name 1-" + MAX_NAMES + " devices");
    } else if (deviceNames.size() > MAX_NAMES) {
      errors.add("deviceNames", "TOO_MANY", "at most " + MAX_NAMES + " devices a lookup");
    } else {
      for (int i = 0; i < deviceNames.size(); i++) {
        String name = deviceNames.get(i);
        String field = "deviceNames[" + i + "]";
        errors
            .requireText(field, name, NewDeviceRequest.MAX_NAME)
            .matches(field, name, NewDeviceRequest.NAME, "letters, digits, '.', '_' or '-'");
        if (name != null) {
          names.add(name);
        }
      }
    }
    errors.throwIfAny();
    return new Checked(checkedModule, List.copyOf(names));
  }
}
