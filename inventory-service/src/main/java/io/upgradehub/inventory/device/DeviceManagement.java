package io.upgradehub.inventory.device;

import io.upgradehub.inventory.product.Product;
import io.upgradehub.inventory.product.ProductManagement;
import io.upgradehub.inventory.system.ErrorCode;
import io.upgradehub.inventory.system.Page;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.FieldErrors;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The device use cases: register one, read one, change its tags, list a product's devices, read a
 * device's log.
 */
@Service
class DeviceManagement {

  private final Devices devices;
  private final UpgradeLog upgradeLog;
  private final VersionCounts versionCounts;
  private final VersionCounting counting;
  private final ProductManagement products;
  private final Clock clock;

  DeviceManagement(
      Devices devices,
      UpgradeLog upgradeLog,
      VersionCounts versionCounts,
      VersionCounting counting,
      ProductManagement products,
      Clock clock) {
    this.devices = devices;
    this.upgradeLog = upgradeLog;
    this.versionCounts = versionCounts;
    this.counting = counting;
    this.products = products;
    this.clock = clock;
  }

  /**
   * Registers a device of a product, checked in this order: its fields ({@code VALIDATION_FAILED}),
   * the product ({@code PRODUCT_NOT_FOUND}), the modules of its versions ({@code UNKNOWN_MODULE}),
   * its name ({@code DEVICE_ALREADY_EXISTS}); nothing is stored unless all pass.
   */
  Device register(String productKey, NewDeviceRequest request) {
    NewDevice spec = request.validate();
    Product product = products.get(productKey);
    FieldErrors unknown = new FieldErrors();
    spec.versions().keySet().stream()
        .filter(module -> !product.hasModule(module))
        .forEach(
            module ->
                unknown.add(
                    "versions." + module,
                    "UNKNOWN_MODULE",
                    "product '" + productKey + "' has no module '" + module + "'"));
    unknown.throwIfAny(ErrorCode.UNKNOWN_MODULE);
    Device device =
        Device.register(
            new DeviceId(productKey, spec.deviceName()),
            spec.versions(),
            spec.tags(),
            clock.instant());
    // the registration's versions count as changes from none, under an id of their own
    String eventId = UUID.randomUUID().toString();
    devices.insert(device, eventId);
    device
        .versions()
        .forEach(
            (module, version) ->
                counting.count(
                    new VersionChange(
                        eventId,
                        device.id(),
                        module,
                        null,
                        version.version(),
                        version.updatedAt())));
    return device;
  }

  /**
   * @throws ApiException {@code PRODUCT_NOT_FOUND} or {@code DEVICE_NOT_FOUND}
   */
  Device get(String productKey, String deviceName) {
    products.get(productKey);
    DeviceId id = new DeviceId(productKey, deviceName);
    return devices.find(id).orElseThrow(() -> deviceNotFound(productKey, deviceName));
  }

  private static ApiException deviceNotFound(String productKey, String deviceName) {
    return new ApiException(
        ErrorCode.DEVICE_NOT_FOUND,
        "Product '" + productKey + "' has no device named '" + deviceName + "'");
  }

  /**
   * Applies a change of a device (only its tags can change: replaced as a whole), checked in this
   * order: the body ({@code MALFORMED_REQUEST}, {@code VALIDATION_FAILED}), the product ({@code
   * PRODUCT_NOT_FOUND}), the device ({@code DEVICE_NOT_FOUND}); nothing is stored unless all pass.
   *
   * @return the device as it is now
   */
  Device change(String productKey, String deviceName, DeviceChangeRequest request) {
    List<String> tags = request.validate();
    if (tags == null) {
      return get(productKey, deviceName);
    }
    products.get(productKey);
    return devices
        .replaceTags(new DeviceId(productKey, deviceName), tags)
        .orElseThrow(() -> deviceNotFound(productKey, deviceName));
  }

  /**
   * @throws ApiException {@code INVALID_PARAMETER} for bad paging, {@code PRODUCT_NOT_FOUND}
   */
  Page<Device> list(String productKey, @Nullable String name, int page, int size) {
    Page.checkParameters(page, size);
    products.get(productKey);
    return devices.page(productKey, name, page, size);
  }

  /**
   * How many of the product's devices run each version of the module, from the counts kept as
   * versions change: never counts devices.
   *
   * @throws ApiException {@code PRODUCT_NOT_FOUND}, {@code UNKNOWN_MODULE}
   */
  VersionDistribution versionDistribution(String productKey, String module) {
    products.getWithModule(productKey, module);
    return VersionDistribution.of(productKey, module, versionCounts.counts(productKey, module));
  }

  /**
   * A page of the device's upgrade log, newest first.
   *
   * @throws ApiException {@code INVALID_PARAMETER} for bad paging, {@code PRODUCT_NOT_FOUND} or
   *     {@code DEVICE_NOT_FOUND}
   */
  Page<UpgradeLogEntry> upgradeLog(String productKey, String deviceName, int page, int size) {
    Page.checkParameters(page, size);
    Device device = get(productKey, deviceName);
    return upgradeLog.page(device.id(), page, size);
  }
}
