package io.upgradehub.campaign.inventory;

import feign.Response;
import java.util.List;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * This service's own view of inventory-service's internal device API. Called directly, not through
 * the gateway.
 */
@FeignClient(name = InventoryClient.NAME, url = "${upgradehub.inventory-service.url}")
interface InventoryClient {

  /** The client's name: its Feign settings and its Resilience4j instances are keyed by it. */
  String NAME = "inventory-service";

  /**
   * Every device of a product with its version of {@code module}, as NDJSON lines {@code
   * {"deviceName":…,"version":…}}, streamed: the caller reads the body as it comes and closes it.
   */
  @GetMapping(value = "/internal/v1/products/{productKey}/devices/export")
  Response export(
      @PathVariable("productKey") String productKey,
      @RequestParam("module") String module,
      @RequestParam(value = "tag", required = false) String tag);

  /** The named devices of a product with their version of {@code module}, and the names unknown. */
  @PostMapping("/internal/v1/products/{productKey}/devices/lookup")
  LookupAnswer lookup(@PathVariable("productKey") String productKey, @RequestBody Lookup lookup);

  /**
   * Registers the named devices the product does not have with {@code version} of the module, and
   * answers every one of them with its version of the module.
   */
  @PostMapping("/internal/v1/products/{productKey}/devices/arrivals")
  LookupAnswer arrivals(
      @PathVariable("productKey") String productKey, @RequestBody Arrivals arrivals);

  /** A product with its modules: inventory-service's own product API, service to service. */
  @GetMapping("/api/v1/products/{productKey}")
  ProductAnswer product(@PathVariable("productKey") String productKey);

  /** The part of a product's answer this service reads. */
  record ProductAnswer(String productKey, String name, List<ModuleAnswer> modules) {}

  /** A module of {@link ProductAnswer}. */
  record ModuleAnswer(String name) {}

  /** The body of {@link #lookup}. */
  record Lookup(String module, List<String> deviceNames) {}

  /** The body of {@link #arrivals}. */
  record Arrivals(String module, String version, List<String> deviceNames) {}

  /** The answer of {@link #lookup} and {@link #arrivals}. */
  record LookupAnswer(List<DeviceVersion> devices, List<String> missing) {}
}
