package io.upgradehub.notification.delivery;

import io.upgradehub.notification.system.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A notification's records (spec §2.3): every message addressed to it and its deliveries. */
@RestController
@RequestMapping("/api/v1/notifications/{id}/records")
class RecordController {

  private final RecordManagement management;

  RecordController(RecordManagement management) {
    this.management = management;
  }

  /** Newest first; searchable by package name (a part, any case), status, message type, batch. */
  @GetMapping
  Page<RecordResponse> list(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String packageName,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String messageType,
      @RequestParam(required = false) @Nullable String batchId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return management
        .list(id, packageName, status, messageType, batchId, page, size)
        .map(RecordResponse::of);
  }

  /** One record, with the message's body as it is sent. */
  @GetMapping("/{recordId}")
  RecordResponse get(@PathVariable String id, @PathVariable String recordId) {
    return RecordResponse.withBody(management.get(id, recordId));
  }

  /** Sends the record again now: same message id and body, a fresh signature and attempt series. */
  @PostMapping("/{recordId}/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  RecordResponse replay(@PathVariable String id, @PathVariable String recordId) {
    return RecordResponse.of(management.replay(id, recordId));
  }
}
