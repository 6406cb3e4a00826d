package io.upgradehub.inventory.device;

import io.swagger.v3.oas.annotations.Operation;
import io.upgradehub.inventory.system.Page;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The device API of one product; each method hands one request to {@link DeviceManagement}. */
@RestController
@RequestMapping(DeviceController.DEVICES)
class DeviceController {

  static final String DEVICES = "/api/v1/products/{productKey}/devices";

  private final DeviceManagement management;
  private final DeviceImport deviceImport;

  DeviceController(DeviceManagement management, DeviceImport deviceImport) {
    this.management = management;
    this.deviceImport = deviceImport;
  }

  @Operation(summary = "Register a device of the product, optionally with its current versions")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<DeviceResponse> register(
      @PathVariable String productKey, @RequestBody NewDeviceRequest request) {
    Device created = management.register(productKey, request);
    URI location =
        URI.create("/api/v1/products/" + productKey + "/devices/" + created.id().deviceName());
    return ResponseEntity.created(location).body(DeviceResponse.of(created));
  }

  @Operation(
      summary = "Register many devices of the product from a file, streamed",
      description =
          "text/csv (header 'deviceName' then one column per module), application/x-ndjson (one"
              + " registration body a line) or application/json (an array of them); at most"
              + " 1,000,000 rows. Answers how many rows were created, duplicates or invalid, and"
              + " the first 100 rows not created.")
  @PostMapping(
      path = "/import",
      consumes = {"text/csv", "application/x-ndjson", MediaType.APPLICATION_JSON_VALUE})
  ImportResult importDevices(
      @PathVariable String productKey,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
      InputStream body)
      throws IOException {
    return deviceImport.run(productKey, contentType, body);
  }

  @Operation(summary = "List the product's devices, newest first; 'name' matches a part, any case")
  @GetMapping
  Page<DeviceResponse> list(
      @PathVariable String productKey,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return management.list(productKey, name, page, size).map(DeviceResponse::of);
  }

  @GetMapping("/{deviceName}")
  DeviceResponse get(@PathVariable String productKey, @PathVariable String deviceName) {
    return DeviceResponse.of(management.get(productKey, deviceName));
  }

  @Operation(
      summary = "Change a device: replace its tags",
      description =
          "A JSON merge patch (application/json accepted too) naming only 'tags'; any other field"
              + " is refused as NOT_MODIFIABLE. Answers the device as it is now.")
  @PatchMapping(
      path = "/{deviceName}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  DeviceResponse change(
      @PathVariable String productKey,
      @PathVariable String deviceName,
      @RequestBody JsonNode change) {
    return DeviceResponse.of(
        management.change(productKey, deviceName, new DeviceChangeRequest(change)));
  }

  @Operation(summary = "The device's upgrade log, newest first: every version change")
  @GetMapping("/{deviceName}/upgrade-log")
  Page<UpgradeLogEntry> upgradeLog(
      @PathVariable String productKey,
      @PathVariable String deviceName,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return management.upgradeLog(productKey, deviceName, page, size);
  }
}
