package io.upgradehub.adapter.campaign;

import io.upgradehub.events.devices.UpgradeCommand;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * This service's own view of campaign-service's internal API: the open upgrade job of a device's
 * module, for the HTTP pull. Called directly, not through the gateway.
 */
@FeignClient(name = CampaignServiceClient.NAME, url = "${upgradehub.campaign-service.url}")
interface CampaignServiceClient {

  /** The client's name: its Feign settings and its Resilience4j instances are keyed by it. */
  String NAME = "campaign-service";

  /**
   * @return {@code 200} with the command campaign-service would publish for the job, or {@code 204}
   *     when no job is open for the module at {@code version}
   */
  @GetMapping("/internal/v1/devices/{productKey}/{deviceName}/open-job")
  ResponseEntity<UpgradeCommand> openJob(
      @PathVariable("productKey") String productKey,
      @PathVariable("deviceName") String deviceName,
      @RequestParam("module") String module,
      @RequestParam("version") String version);
}
