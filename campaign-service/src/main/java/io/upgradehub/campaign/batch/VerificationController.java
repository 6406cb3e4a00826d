package io.upgradehub.campaign.batch;

import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Verification of a package on a few chosen devices, or skipping it (spec §1.2). */
@RestController
class VerificationController {

  static final String VERIFICATIONS = "/api/v1/packages/{packageId}/verifications";

  private final BatchManagement management;

  VerificationController(BatchManagement management) {
    this.management = management;
  }

  @PostMapping(value = VERIFICATIONS, consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<BatchResponse> verify(
      @PathVariable String packageId, @RequestBody VerificationRequest request) {
    Batch batch = management.verify(packageId, request);
    return ResponseEntity.created(URI.create(BatchController.BATCHES + "/" + batch.id()))
        .body(BatchResponse.of(batch));
  }

  @PostMapping(VERIFICATIONS + "/skip")
  VerificationResponse skip(@PathVariable String packageId) {
    return new VerificationResponse(packageId, management.skip(packageId));
  }

  @GetMapping("/api/v1/packages/{packageId}/verification")
  VerificationResponse status(@PathVariable String packageId) {
    return new VerificationResponse(packageId, management.verification(packageId));
  }
}
