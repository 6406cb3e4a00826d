package io.upgradehub.inventory.device;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The device calls other services make directly, service to service (the gateway routes only {@code
 * /api/**}, so these paths are not reachable through it); each method hands one request to {@link
 * FleetManagement} (the reads) or {@link DeviceArrivals}.
 */
@RestController
@RequestMapping(InternalDeviceController.DEVICES)
class InternalDeviceController {

  static final String DEVICES = "/internal/v1/products/{productKey}/devices";
  static final String NDJSON = "application/x-ndjson";

  private final FleetManagement fleet;
  private final DeviceArrivals arrivals;

  InternalDeviceController(FleetManagement fleet, DeviceArrivals arrivals) {
    this.fleet = fleet;
    this.arrivals = arrivals;
  }

  /**
   * The product's devices with their version of a module as NDJSON, one {@code
   * {"deviceName":…,"version":…}} a line, in no particular order; with {@code tag}, only the
   * devices carrying it. Read through one cursor and written as read, so a fleet of any size
   * streams in flat memory.
   */
  @GetMapping("/export")
  ResponseEntity<StreamingResponseBody> export(
      @PathVariable String productKey,
      @RequestParam(required = false) @Nullable String module,
      @RequestParam(required = false) @Nullable String tag) {
    VersionExport export = fleet.export(productKey, module, tag);
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(export::writeTo);
  }

  /** Devices of the product looked up by name, with their version of a module. */
  @PostMapping(path = "/lookup", consumes = MediaType.APPLICATION_JSON_VALUE)
  DeviceLookupResponse lookup(
      @PathVariable String productKey, @RequestBody DeviceLookupRequest request) {
    return fleet.lookup(productKey, request);
  }

  /**
   * Registers the named devices the product lacks with a start version of a module, and answers
   * every named device with its version of the module then, in the lookup's shape.
   */
  @PostMapping(path = "/arrivals", consumes = MediaType.APPLICATION_JSON_VALUE)
  DeviceLookupResponse arrivals(
      @PathVariable String productKey, @RequestBody DeviceArrivalsRequest request) {
    return arrivals.register(productKey, request);
  }
}
