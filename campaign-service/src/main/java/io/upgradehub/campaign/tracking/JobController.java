package io.upgradehub.campaign.tracking;

import io.upgradehub.campaign.system.QueryParameters;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.problems.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A batch's device list, one device's jobs, and canceling one device's job (spec §1.4). */
@RestController
class JobController {

  private final JobManagement management;

  JobController(JobManagement management) {
    this.management = management;
  }

  @GetMapping("/api/v1/batches/{batchId}/devices")
  JobPage ofBatch(
      @PathVariable String batchId,
      @RequestParam(required = false) @Nullable String state,
      @RequestParam(required = false) @Nullable String deviceName,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    Paging.check(page, size);
    JobState wanted = QueryParameters.choice("state", state, JobState.class);
    String name = QueryParameters.text(deviceName);
    return new JobPage(
        management.ofBatch(batchId, wanted, name, page, size).stream()
            .map(JobResponse::of)
            .toList(),
        page,
        size,
        management.countOfBatch(batchId, wanted, name));
  }

  @PostMapping("/api/v1/batches/{batchId}/devices/{deviceName}/cancel")
  JobResponse cancel(@PathVariable String batchId, @PathVariable String deviceName) {
    return JobResponse.of(management.cancel(batchId, deviceName));
  }

  @GetMapping("/api/v1/devices/{productKey}/{deviceName}/jobs")
  JobPage ofDevice(
      @PathVariable String productKey,
      @PathVariable String deviceName,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    Paging.check(page, size);
    return new JobPage(
        management.ofDevice(productKey, deviceName, page, size).stream()
            .map(JobResponse::of)
            .toList(),
        page,
        size,
        management.countOfDevice(productKey, deviceName));
  }
}
