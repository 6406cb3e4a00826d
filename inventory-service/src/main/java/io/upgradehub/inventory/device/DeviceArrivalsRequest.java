package io.upgradehub.inventory.device;

import io.upgradehub.inventory.product.Product;
import io.upgradehub.problems.FieldErrors;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /internal/v1/products/{productKey}/devices/arrivals}: devices transferred
 * in from another platform, by name, and the version of the module those the product lacks are
 * registered with.
 *
 * @param module the module; {@value Product#DEFAULT_MODULE} when absent
 * @param version required; the version a device registered now starts with, a registration's
 *     version
 * @param deviceNames required, 1-{@value DeviceNames#MAX} device names; a name given twice is
 *     answered once
 */
record DeviceArrivalsRequest(
    @Nullable String module,
    @Nullable String version,
    @Nullable List<@Nullable String> deviceNames) {

  /**
   * Checked arrivals: the module, the version, and the names distinct, in the order first given.
   */
  record Checked(String module, String version, List<String> deviceNames) {}

  /**
   * @throws io.upgradehub.problems.ApiException {@code VALIDATION_FAILED} listing every invalid
   *     field ({@code module} as {@link NewDeviceRequest#checkModule}, {@code version} as {@link
   *     NewDeviceRequest#checkVersion}, {@code deviceNames} as {@link DeviceNames#check})
   */
  Checked validate() {
    FieldErrors errors = new FieldErrors();
    String checkedModule = NewDeviceRequest.checkModule("module", module, errors);
    NewDeviceRequest.checkVersion("version", version, errors);
    List<String> names = DeviceNames.check("deviceNames", deviceNames, errors);
    errors.throwIfAny();
    return new Checked(checkedModule, Objects.requireNonNull(version), names);
  }
}
