package io.upgradehub.inventory.device;

import io.upgradehub.inventory.product.ProductManagement;
import io.upgradehub.problems.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Takes in devices that campaign-service transfers in from another platform, a chunk of names at a
 * time: registers those the product lacks with a start version, the way a bulk import registers a
 * chunk ({@link DeviceRegistration}, so the version distribution counts them and a stop in between
 * is recovered), and leaves the others as they are.
 */
@Service
class DeviceArrivals {

  private final FleetVersions fleet;
  private final DeviceRegistration registration;
  private final ProductManagement products;

  DeviceArrivals(FleetVersions fleet, DeviceRegistration registration, ProductManagement products) {
    this.fleet = fleet;
    this.registration = registration;
    this.products = products;
  }

  /**
   * Registers the named devices the product has no device of, with the version of the module and no
   * tags, and answers every named device with its version of the module now, in the order given: a
   * device registered here with the version, any other with its own (null or another version; it is
   * not changed). Idempotent: a second call registers nothing more. Nothing is stored when a check
   * fails.
   *
   * @return the devices, {@code missing} always empty
   * @throws ApiException {@code VALIDATION_FAILED}, then {@code PRODUCT_NOT_FOUND}, then {@code
   *     UNKNOWN_MODULE}
   */
  DeviceLookupResponse register(String productKey, DeviceArrivalsRequest request) {
    DeviceArrivalsRequest.Checked arrivals = request.validate();
    String module = arrivals.module();
    products.getWithModule(productKey, module);
    Map<String, DeviceVersion> found = fleet.find(productKey, module, arrivals.deviceNames());
    List<NewDevice> absent = new ArrayList<>();
    for (String name : arrivals.deviceNames()) {
      if (!found.containsKey(name)) {
        absent.add(new NewDevice(name, Map.of(module, arrivals.version()), List.of()));
      }
    }
    Set<String> taken = registration.registerChunk(productKey, absent);
    for (NewDevice device : absent) {
      if (!taken.contains(device.deviceName())) {
        found.put(device.deviceName(), new DeviceVersion(device.deviceName(), arrivals.version()));
      }
    }
    if (!taken.isEmpty()) {
      // registered by someone else since the read: answer the version it was stored with
      found.putAll(fleet.find(productKey, module, taken));
    }
    List<DeviceVersion> devices = new ArrayList<>(arrivals.deviceNames().size());
    for (String name : arrivals.deviceNames()) {
      DeviceVersion device = found.get(name);
      if (device == null) {
        // a taken name is stored, and devices are never removed
        throw new IllegalStateException(
            "device '" + name + "' of product '" + productKey + "' is taken but not stored");
      }
      devices.add(device);
    }
    return new DeviceLookupResponse(devices, List.of());
  }
}
