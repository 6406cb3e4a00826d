package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.BatchRequests;
import io.upgradehub.campaign.batch.UpgradeSettings;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.problems.FieldErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks a transfer's fields, telling the caller every wrong field at once ({@code 400
 * VALIDATION_FAILED}; of the device list, the first {@value #MAX_LISTED} wrong names), and turns
 * the request into an {@link Intake}.
 */
final class TransferRequests {

  static final int MAX_SOURCE = 128;
  static final int MAX_DEVICES = 1_000_000;
  static final int MAX_LISTED = 100;
  static final String DEFAULT_MODULE = "default";
  private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern PRODUCT_KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private TransferRequests() {}

  /**
   * A checked transfer request.
   *
   * @param deviceNames distinct, in the order given
   */
  record Intake(
      String source,
      String productKey,
      String module,
      String startVersion,
      String targetVersion,
      List<String> deviceNames,
      UpgradeSettings settings) {}

  static Intake check(TransferRequest request) {
    FieldErrors errors = new FieldErrors();
    String source = request.source() == null ? null : request.source().strip();
    errors.requireText("source", source, MAX_SOURCE);
    errors.requireText("productKey", request.productKey(), 64);
    errors.matches("productKey", request.productKey(), PRODUCT_KEY, "1-64 of A-Z a-z 0-9 _ -");
    String module = request.module() == null ? DEFAULT_MODULE : request.module();
    errors.matches("module", module, MODULE, "1-32 of A-Z a-z 0-9 _ -");
    version(errors, "startVersion", request.startVersion());
    version(errors, "targetVersion", request.targetVersion());
    if (request.targetVersion() != null && request.targetVersion().equals(request.startVersion())) {
      errors.add("targetVersion", "SAME_AS_START", "must differ from startVersion");
    }
    List<String> names = deviceNames(errors, request.deviceNames());
    TransferRequest.Upgrade upgrade = request.upgrade();
    UpgradeSettings settings =
        upgrade == null
            ? BatchRequests.settings(errors, "upgrade.", null, null, null, null, null)
            : BatchRequests.settings(
                errors,
                "upgrade.",
                upgrade.ratePerMinute(),
                upgrade.retry(),
                upgrade.timeoutMinutes(),
                upgrade.mode(),
                upgrade.abort());
    errors.throwIfAny();
    return new Intake(
        source,
        request.productKey(),
        module,
        request.startVersion(),
        request.targetVersion(),
        names,
        settings);
  }

  private static void version(FieldErrors errors, String field, @Nullable String version) {
    if (version == null || version.isBlank()) {
      errors.add(field, "REQUIRED", "give the version");
    } else if (!BatchRequests.isVersion(version)) {
      errors.add(field, "INVALID_FORMAT", "must be 1-64 of A-Z a-z 0-9 . _ + -");
    }
  }

  private static List<String> deviceNames(
      FieldErrors errors, @Nullable List<@Nullable String> names) {
    if (names == null || names.isEmpty()) {
      errors.add("deviceNames", "REQUIRED", "name at least one device");
      return List.of();
    }
    if (names.size() > MAX_DEVICES) {
      errors.add("deviceNames", "TOO_MANY", "at most " + MAX_DEVICES + " devices a transfer");
      return List.of();
    }
    Set<String> seen = new HashSet<>(names.size() * 2);
    List<String> distinct = new ArrayList<>(names.size());
    int wrong = 0;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String problem = null;
      String code = null;
      if (!DeviceKey.isValidDeviceName(name)) {
        code = "INVALID_FORMAT";
        problem = "must be 1-64 of A-Z a-z 0-9 _ . - not starting with '.'";
      } else if (!seen.add(name)) {
        code = "DUPLICATE";
        problem = "is named twice";
      } else {
        distinct.add(name);
      }
      if (code != null && wrong++ < MAX_LISTED) {
        errors.add("deviceNames[" + i + "]", code, problem);
      }
    }
    if (wrong > MAX_LISTED) {
      errors.add(
          "deviceNames",
          "MORE_ERRORS",
          (wrong - MAX_LISTED) + " more names are wrong; the first " + MAX_LISTED + " are listed");
    }
    return distinct;
  }
}
