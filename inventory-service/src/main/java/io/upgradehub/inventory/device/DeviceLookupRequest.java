package io.upgradehub.inventory.device;

import io.upgradehub.inventory.product.Product;
import io.upgradehub.problems.FieldErrors;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /internal/v1/products/{productKey}/devices/lookup}: devices to look up by
 * name, and the module whose version to answer.
 *
 * @param module the module; {@value Product#DEFAULT_MODULE} when absent
 * @param deviceNames required, 1-{@value DeviceNames#MAX} device names; a name given twice is
 *     answered once
 */
record DeviceLookupRequest(@Nullable String module, @Nullable List<@Nullable String> deviceNames) {

  /** A checked lookup: the module, and the names distinct, in the order first given. */
  record Checked(String module, List<String> deviceNames) {}

  /**
   * @throws io.upgradehub.problems.ApiException {@code VALIDATION_FAILED} listing every invalid
   *     field ({@code module} as {@link NewDeviceRequest#checkModule}, {@code deviceNames} as
   *     {@link DeviceNames#check})
   */
  Checked validate() {
    FieldErrors errors = new FieldErrors();
    String checkedModule = NewDeviceRequest.checkModule("module", module, errors);
    List<String> names = DeviceNames.check("deviceNames", deviceNames, errors);
    errors.throwIfAny();
    return new Checked(checkedModule, names);
  }
}
