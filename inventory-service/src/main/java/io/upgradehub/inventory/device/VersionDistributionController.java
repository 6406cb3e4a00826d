package io.upgradehub.inventory.device;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A product's version distribution per module; hands the request to {@link DeviceManagement}. */
@RestController
class VersionDistributionController {

  private final DeviceManagement management;

  VersionDistributionController(DeviceManagement management) {
    this.management = management;
  }

  @Operation(
      summary = "How many devices run each version of a module, and their share in percent",
      description = "Shares have one decimal and sum to 100.0 (largest remainder).")
  @GetMapping("/api/v1/products/{productKey}/version-distribution")
  VersionDistribution versionDistribution(
      @PathVariable String productKey, @RequestParam(defaultValue = "default") String module) {
    return management.versionDistribution(productKey, module);
  }
}
