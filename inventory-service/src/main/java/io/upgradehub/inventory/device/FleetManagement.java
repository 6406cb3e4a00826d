package io.upgradehub.inventory.device;

import io.upgradehub.inventory.product.Product;
import io.upgradehub.inventory.product.ProductManagement;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reads campaign-service plans upgrade batches with: a product's devices and their version of a
 * module, all of them (or those with a tag) streamed, or some of them by name.
 */
@Service
class FleetManagement {

  private final FleetVersions fleet;
  private final ProductManagement products;

  /**
   * Writes one JSON object after the other with nothing between them (each line ends with the
   * newline written after it), and leaves the response stream to the servlet container to close.
   */
  private final ObjectWriter lines;

  FleetManagement(FleetVersions fleet, ProductManagement products, JsonMapper json) {
    this.fleet = fleet;
    this.products = products;
    this.lines =
        json.writer().withRootValueSeparator("").without(StreamWriteFeature.AUTO_CLOSE_TARGET);
  }

  /**
   * The product's devices (those with {@code tag}, unless it is null) with their version of {@code
   * module} (default {@value Product#DEFAULT_MODULE}), as NDJSON: {@code
   * {"deviceName":"cam-001","version":"1.0.0"}} a line, version null when the device has none.
   * Checked now, read and written only when the export is written.
   *
   * @throws ApiException {@code INVALID_PARAMETER} for a module or tag that no module or tag can
   *     be, {@code PRODUCT_NOT_FOUND}, {@code UNKNOWN_MODULE}
   */
  VersionExport export(String productKey, @Nullable String module, @Nullable String tag) {
    FieldErrors errors = new FieldErrors();
    String checkedModule = NewDeviceRequest.checkModule("module", module, errors);
    if (tag != null && !DeviceTags.isTag(tag)) {
      errors.add("tag", "INVALID_FORMAT", "a tag is 1-32 letters, digits, '_', '.', ':' or '-'");
    }
    errors.throwIfAny(CommonError.INVALID_PARAMETER);
    products.getWithModule(productKey, checkedModule);
    return out -> {
      try (JsonGenerator line = lines.createGenerator(out)) {
        fleet.forEach(
            productKey,
            checkedModule,
            tag,
            (deviceName, version) -> {
              line.writeStartObject();
              line.writeStringProperty("deviceName", deviceName);
              line.writeStringProperty("version", version);
              line.writeEndObject();
              line.writeRaw('\n');
            });
      }
    };
  }

  /**
   * The named devices of the product with their version of the module, and the names it has no
   * device of, each in the order given; one read.
   *
   * @throws ApiException {@code VALIDATION_FAILED}, then {@code PRODUCT_NOT_FOUND}, then {@code
   *     UNKNOWN_MODULE}
   */
  DeviceLookupResponse lookup(String productKey, DeviceLookupRequest request) {
    DeviceLookupRequest.Checked lookup = request.validate();
    products.getWithModule(productKey, lookup.module());
    Map<String, DeviceVersion> found =
        fleet.find(productKey, lookup.module(), lookup.deviceNames());
    List<DeviceVersion> devices = new ArrayList<>(found.size());
    List<String> missing = new ArrayList<>();
    for (String name : lookup.deviceNames()) {
      DeviceVersion device = found.get(name);
      if (device == null) {
        missing.add(name);
      } else {
        devices.add(device);
      }
    }
    return new DeviceLookupResponse(devices, missing);
  }
}
