package io.upgradehub.campaign.tracking;

import io.upgradehub.events.jobs.JobState;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import io.upgradehub.problems.Paging;
import java.util.Arrays;
import java.util.Locale;
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
    JobState wanted = state(state);
    String name = deviceName == null || deviceName.isBlank() ? null : deviceName;
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

  private static @Nullable JobState state(@Nullable String state) {
    if (state == null || state.isBlank()) {
      return null;
    }
    try {
      return JobState.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      new FieldErrors()
          .add("state", "INVALID_VALUE", "must be one of " + Arrays.toString(JobState.values()))
          .throwIfAny(CommonError.INVALID_PARAMETER);
      return null;
    }
  }
}
