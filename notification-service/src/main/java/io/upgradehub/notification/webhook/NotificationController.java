package io.upgradehub.notification.webhook;

import io.upgradehub.notification.system.Page;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Upgrade task notifications (spec §2.1): webhooks with a URL and a signing token. */
@RestController
@RequestMapping(NotificationController.PATH)
class NotificationController {

  static final String PATH = "/api/v1/notifications";

  private final NotificationManagement management;

  NotificationController(NotificationManagement management) {
    this.management = management;
  }

  @GetMapping
  Page<NotificationResponse> list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    return management.list(page, size).map(NotificationResponse::of);
  }

  /** The message types a notification may want. */
  @GetMapping("/message-types")
  List<MessageTypeResponse> messageTypes() {
    return Arrays.stream(MessageType.values()).map(MessageTypeResponse::of).toList();
  }

  /** Creates a notification; the answer carries its whole token, the only time it is shown. */
  @PostMapping
  ResponseEntity<NotificationResponse> create(@RequestBody NotificationRequest request) {
    Notification created = management.create(request);
    return ResponseEntity.created(URI.create(PATH + "/" + created.id()))
        .body(NotificationResponse.withToken(created));
  }

  @GetMapping("/{id}")
  NotificationResponse get(@PathVariable String id) {
    return NotificationResponse.of(management.get(id));
  }

  @PatchMapping("/{id}")
  NotificationResponse change(@PathVariable String id, @RequestBody NotificationChange change) {
    return NotificationResponse.of(management.change(id, change));
  }

  /** Generates a new token; the answer carries it whole, the only time it is shown. */
  @PostMapping("/{id}/token")
  NotificationResponse rotateToken(@PathVariable String id) {
    return NotificationResponse.withToken(management.rotateToken(id));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {
    management.delete(id);
  }
}
