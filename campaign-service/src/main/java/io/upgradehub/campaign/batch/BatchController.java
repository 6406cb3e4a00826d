package io.upgradehub.campaign.batch;

import io.upgradehub.problems.Paging;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Batch upgrades of a package: create, preview, list, and control (spec §1.3, §1.4). */
@RestController
class BatchController {

  static final String BATCHES = "/api/v1/batches";
  static final String PACKAGE_BATCHES = "/api/v1/packages/{packageId}/batches";

  private final BatchManagement management;

  BatchController(BatchManagement management) {
    this.management = management;
  }

  @PostMapping(value = PACKAGE_BATCHES, consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<BatchResponse> create(
      @PathVariable String packageId, @RequestBody BatchRequest request) {
    Batch batch = management.create(packageId, request);
    return ResponseEntity.created(URI.create(BATCHES + "/" + batch.id()))
        .body(BatchResponse.of(batch));
  }

  @PostMapping(value = PACKAGE_BATCHES + "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
  PreviewResponse preview(@PathVariable String packageId, @RequestBody BatchRequest request) {
    return management.preview(packageId, request);
  }

  @GetMapping(PACKAGE_BATCHES)
  BatchPage list(
      @PathVariable String packageId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    Paging.check(page, size);
    return new BatchPage(
        management.list(packageId, page, size).stream().map(BatchResponse::of).toList(),
        page,
        size,
        management.count(packageId));
  }

  @GetMapping(BATCHES + "/{batchId}")
  BatchResponse get(@PathVariable String batchId) {
    return BatchResponse.of(management.get(batchId));
  }

  @PostMapping(BATCHES + "/{batchId}/pause")
  BatchResponse pause(@PathVariable String batchId) {
    return BatchResponse.of(management.pause(batchId));
  }

  @PostMapping(BATCHES + "/{batchId}/resume")
  BatchResponse resume(@PathVariable String batchId) {
    return BatchResponse.of(management.resume(batchId));
  }

  @PostMapping(BATCHES + "/{batchId}/cancel")
  BatchResponse cancel(@PathVariable String batchId) {
    return BatchResponse.of(management.cancel(batchId));
  }
}
