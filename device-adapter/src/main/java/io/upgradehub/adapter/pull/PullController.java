package io.upgradehub.adapter.pull;

import io.upgradehub.adapter.command.UpgradeMessage;
import io.upgradehub.adapter.ingest.DeviceMessageReader;
import io.upgradehub.adapter.ingest.KnownProducts;
import io.upgradehub.adapter.system.ErrorCode;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /device/v1/{productKey}/{deviceName}/upgrade}: "is there an upgrade for me?" for
 * devices without MQTT (§7 of the device protocol). Checks, in order: the device's credentials
 * (401), the path (400), that the credentials are the path's device (403), the parameters (400),
 * the product and module (404, 422), the device's rate (429).
 */
@RestController
class PullController {

  static final String PATH = "/device/v1/{productKey}/{deviceName}/upgrade";
  private static final String REALM = "Basic realm=\"upgradehub-devices\"";

  private final DeviceCredentials credentials;
  private final KnownProducts products;
  private final PullRateLimiter limiter;
  private final DevicePull pull;

  PullController(
      DeviceCredentials credentials,
      KnownProducts products,
      PullRateLimiter limiter,
      DevicePull pull) {
    this.credentials = credentials;
    this.products = products;
    this.limiter = limiter;
    this.pull = pull;
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<UpgradeMessage> upgrade(
      @PathVariable String productKey,
      @PathVariable String deviceName,
      @RequestParam(required = false) @Nullable String module,
      @RequestParam(required = false) @Nullable String version,
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
          @Nullable String authorization) {
    DeviceKey caller = authenticate(authorization);
    if (!DeviceKey.isValidProductKey(productKey) || !DeviceKey.isValidDeviceName(deviceName)) {
      throw invalid(
          List.of(
              new FieldError(
                  DeviceKey.isValidProductKey(productKey) ? "deviceName" : "productKey",
                  "INVALID_FORMAT",
                  "breaks the identity rule of the device protocol §3.1")));
    }
    DeviceKey device = new DeviceKey(productKey, deviceName);
    if (!device.equals(caller)) {
      throw new ApiException(ErrorCode.FORBIDDEN, "The credentials are not " + device + "'s");
    }
    String moduleName = module == null ? DeviceMessageReader.DEFAULT_MODULE : module;
    List<FieldError> errors = new ArrayList<>();
    check(errors, "module", moduleName, DeviceMessageReader.MODULE);
    check(errors, "version", version, DeviceMessageReader.VERSION);
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    if (!products.hasProduct(productKey)) {
      throw new ApiException(ErrorCode.DEVICE_NOT_FOUND, "No product '" + productKey + "'");
    }
    if (!products.hasModule(productKey, moduleName)) {
      throw new ApiException(
          ErrorCode.UNKNOWN_MODULE,
          "Product '" + productKey + "' has no module '" + moduleName + "'");
    }
    long retryAfter = limiter.acquire(device);
    if (retryAfter > 0) {
      throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "Pull at most once a minute per module")
          .withHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }
    Optional<UpgradeMessage> due = pull.pull(device, moduleName, version);
    return due.map(
            message -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(message))
        .orElseGet(() -> ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build());
  }

  /** The device named by Basic credentials whose password is that device's. */
  private DeviceKey authenticate(@Nullable String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      throw unauthenticated("Send the device's credentials (Basic)");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw unauthenticated("The credentials are not base64");
    }
    int colon = decoded.indexOf(':');
    int slash = colon < 0 ? -1 : decoded.lastIndexOf('/', colon);
    if (colon < 0 || slash < 0) {
      throw unauthenticated("The user must be productKey/deviceName");
    }
    String productKey = decoded.substring(0, slash);
    String deviceName = decoded.substring(slash + 1, colon);
    if (!DeviceKey.isValidProductKey(productKey) || !DeviceKey.isValidDeviceName(deviceName)) {
      throw unauthenticated("The user must be productKey/deviceName");
    }
    DeviceKey device = new DeviceKey(productKey, deviceName);
    if (!credentials.matches(device, decoded.substring(colon + 1))) {
      throw unauthenticated("Wrong credentials");
    }
    return device;
  }

  private static void check(
      List<FieldError> errors, String field, @Nullable String value, Pattern rule) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "REQUIRED", "must not be blank"));
    } else if (!rule.matcher(value).matches()) {
      errors.add(new FieldError(field, "INVALID_FORMAT", "must match " + rule.pattern()));
    }
  }

  private static ApiException invalid(List<FieldError> errors) {
    return new ApiException(
        CommonError.INVALID_PARAMETER, errors.size() + " parameter(s) are invalid", errors);
  }

  private static ApiException unauthenticated(String detail) {
    return new ApiException(ErrorCode.UNAUTHENTICATED, detail)
        .withHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
  }
}
