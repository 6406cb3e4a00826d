package io.upgradehub.campaign.tracking;

import io.upgradehub.events.devices.UpgradeCommand;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device-adapter's question for a device's HTTP pull: is a job open for this module now?
 * Internal: called directly by the adapter, never routed by the gateway.
 */
@RestController
class OpenJobController {

  private final JobManagement management;

  OpenJobController(JobManagement management) {
    this.management = management;
  }

  /**
   * @return {@code 200} with the job's command, or {@code 204} when the device has nothing to take
   *     now
   */
  @GetMapping("/internal/v1/devices/{productKey}/{deviceName}/open-job")
  ResponseEntity<UpgradeCommand> openJob(
      @PathVariable String productKey,
      @PathVariable String deviceName,
      @RequestParam(defaultValue = "default") String module,
      @RequestParam String version) {
    return management
        .openJob(productKey, deviceName, module, version)
        .map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.noContent().build());
  }
}
