package io.upgradehub.adapter.packages;

import java.time.Instant;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * This service's own view of package-service's API (STYLE: the caller owns its Feign interface):
 * only the presigned download URL. Called directly, not through the gateway.
 */
@FeignClient(name = PackageServiceClient.NAME, url = "${upgradehub.package-service.url}")
interface PackageServiceClient {

  /** The client's name: its Feign settings and its Resilience4j instances are keyed by it. */
  String NAME = "package-service";

  @GetMapping("/api/v1/packages/{id}/download-url")
  DownloadUrlResponse downloadUrl(@PathVariable("id") String packageId);

  /** package-service's answer; fields it adds later are ignored. */
  record DownloadUrlResponse(String url, Instant expiresAt, long size, String sha256) {}
}
