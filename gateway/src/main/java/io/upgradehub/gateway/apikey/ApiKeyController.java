package io.upgradehub.gateway.apikey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * API key management. Only admin keys reach it: the gateway's access policy guards the whole path
 * before any handler runs.
 */
@RestController
@RequestMapping(ApiKeyController.PATH)
@Tag(name = "API keys", description = "Manage the keys that authenticate API calls (admin only)")
class ApiKeyController {

  static final String PATH = "/api/v1/api-keys";

  private final ApiKeys apiKeys;

  ApiKeyController(ApiKeys apiKeys) {
    this.apiKeys = apiKeys;
  }

  @GetMapping
  @Operation(summary = "List all keys, configured and created; never their secrets")
  Mono<ApiKeyList> list() {
    return apiKeys.list().map(ApiKeyList::new);
  }

  @GetMapping("/{name}")
  @Operation(summary = "One key by name")
  Mono<ApiKeyView> get(@PathVariable String name) {
    return apiKeys.find(name);
  }

  @PostMapping
  @Operation(
      summary = "Create a key",
      description = "Answers the key's plaintext once; only its SHA-256 is kept.")
  Mono<ResponseEntity<CreatedApiKey>> create(
      @RequestBody CreateApiKeyRequest request,
      @Parameter(hidden = true) @RequestHeader(name = ApiKeyPrincipal.NAME_HEADER, required = false)
          String createdBy) {
    return apiKeys
        .create(request, createdBy)
        .map(
            created ->
                ResponseEntity.created(
                        URI.create(
                            PATH + "/" + UriUtils.encodePathSegment(created.name(), "UTF-8")))
                    // the body holds a secret: no cache may keep it
                    .cacheControl(CacheControl.noStore())
                    .body(created));
  }

  @DeleteMapping("/{name}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete a created key; configured keys are removed in configuration")
  Mono<Void> delete(@PathVariable String name) {
    return apiKeys.delete(name);
  }

  /**
   * All keys; not paged, as an installation has a handful.
   *
   * @param items the keys, configured ones first
   * @param total how many there are
   */
  record ApiKeyList(List<ApiKeyView> items, int total) {

    ApiKeyList(List<ApiKeyView> items) {
      this(items, items.size());
    }
  }
}
