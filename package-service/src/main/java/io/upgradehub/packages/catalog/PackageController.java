package io.upgradehub.packages.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.upgradehub.packages.upload.MultipartPackageReader;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
import tools.jackson.databind.JsonNode;

/** The package API; each method hands one request to {@link PackageManagement}. */
@RestController
@RequestMapping(PackageController.PACKAGES)
class PackageController {

  static final String PACKAGES = "/api/v1/packages";

  private final PackageManagement management;
  private final MultipartPackageReader multipart;

  PackageController(PackageManagement management, MultipartPackageReader multipart) {
    this.management = management;
    this.multipart = multipart;
  }

  @Operation(
      summary = "Add a package",
      description =
          "multipart/form-data: a 'metadata' part (JSON) first, then the 'file' part. The file is"
              + " streamed to storage, hashed (SHA-256, MD5) and signed on the way.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
              schema = @Schema(implementation = PackageUploadForm.class),
              encoding = @Encoding(name = "metadata", contentType = "application/json")))
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<PackageResponse> create(HttpServletRequest request) {
    UpgradePackage created = multipart.read(request, NewPackageRequest.class, management::create);
    return ResponseEntity.created(URI.create(PACKAGES + "/" + created.id().value()))
        .body(PackageResponse.of(created));
  }

  @GetMapping
  PackagePage<PackageResponse> list(
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(required = false) @Nullable String productKey,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return management.list(name, productKey, page, size).map(PackageResponse::of);
  }

  @GetMapping("/{id}")
  PackageResponse get(@PathVariable String id) {
    return PackageResponse.of(management.get(new PackageId(id)));
  }

  @PatchMapping(
      path = "/{id}",
      consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  PackageResponse update(@PathVariable String id, @RequestBody JsonNode patch) {
    return PackageResponse.of(
        management.update(new PackageId(id), PackagePatchRequest.from(patch)));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable String id) {
    management.delete(new PackageId(id));
  }

  @GetMapping("/{id}/download-url")
  PackageManagement.DownloadUrl downloadUrl(@PathVariable String id) {
    return management.downloadUrl(new PackageId(id));
  }

  /** Documents the multipart body for OpenAPI; never instantiated. */
  record PackageUploadForm(
      NewPackageRequest metadata, @Schema(type = "string", format = "binary") String file) {}
}
