package io.upgradehub.notification.association;

import io.upgradehub.notification.system.Page;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A notification's associated upgrades (spec §2, §2.2). */
@RestController
@RequestMapping("/api/v1/notifications/{id}/associations")
class AssociationController {

  private final AssociationManagement management;

  AssociationController(AssociationManagement management) {
    this.management = management;
  }

  /** The associated-upgrade list, searchable by package name (a part, any case) and product. */
  @GetMapping
  Page<AssociationResponse> list(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String packageName,
      @RequestParam(required = false) @Nullable String productKey,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return management.list(id, packageName, productKey, page, size);
  }

  /** Associates packages of one product; associating one again changes nothing. */
  @PostMapping
  List<AssociationResponse> associate(
      @PathVariable String id, @RequestBody AssociationRequest request) {
    return management.associate(id, request);
  }

  @DeleteMapping("/{packageId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void dissociate(@PathVariable String id, @PathVariable String packageId) {
    management.dissociate(id, packageId);
  }
}
