package io.upgradehub.gateway.apikey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the key of a request belongs to. Any valid key may ask: the console signs in with it and
 * shows only the actions the role may take.
 */
@RestController
@Tag(name = "Me", description = "Who the calling key belongs to (any role)")
class MeController {

  static final String PATH = "/api/v1/me";

  /**
   * The caller's key.
   *
   * @param name the key's name
   * @param role {@code admin}, {@code operator} or {@code viewer}
   */
  record Me(String name, String role) {}

  @GetMapping(PATH)
  @Operation(summary = "The name and role of the key that calls; any role may ask")
  Me me(
      // set by the authentication filter for every /api request that got this far
      @Parameter(hidden = true) @RequestHeader(ApiKeyPrincipal.NAME_HEADER) String name,
      @Parameter(hidden = true) @RequestHeader(ApiKeyPrincipal.ROLE_HEADER) String role) {
    return new Me(name, role);
  }
}
