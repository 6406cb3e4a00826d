package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.job.JobPackage;
import io.upgradehub.campaign.job.RetryPolicy;
import io.upgradehub.campaign.packages.KnownPackage;
import io.upgradehub.campaign.system.ErrorCode;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.problems.FieldErrors;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks batch and verification requests field by field, telling the caller every field that is
 * wrong at once ({@code 400 VALIDATION_FAILED}), then against the package ({@code 422
 * FROM_VERSIONS_NOT_ALLOWED}), and turns them into a {@link BatchSpec}.
 */
public final class BatchRequests {

  static final int MAX_FROM_VERSIONS = 100;
  static final int MAX_VERIFY_DEVICES = 100;
  static final int MAX_SCOPE_DEVICES = 10_000;
  static final int DEFAULT_RATE = 1_000;
  static final int MAX_RATE = 1_000_000;
  static final int DEFAULT_TIMEOUT_MINUTES = 60;
  static final int MAX_TIMEOUT_MINUTES = 1_440;
  static final int MAX_RETRIES = 5;
  static final int DEFAULT_RETRY_INTERVAL_SECONDS = 300;
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.:-]{1,32}");

  private BatchRequests() {}

  /** The checked spec of a batch upgrade of {@code pkg}. */
  static BatchSpec batch(BatchRequest request, KnownPackage pkg, Instant now) {
    FieldErrors errors = new FieldErrors();
    List<String> fromVersions = versions(errors, request.fromVersions());
    Strategy strategy =
        choice(errors, "strategy", request.strategy(), Strategy.class, Strategy.STATIC);
    Scope scope = scope(errors, request.scope());
    BatchRequest.ScheduleRequest schedule = request.schedule();
    Instant startAt =
        schedule == null ? null : instant(errors, "schedule.startAt", schedule.startAt());
    Instant endAt = schedule == null ? null : instant(errors, "schedule.endAt", schedule.endAt());
    if (endAt != null) {
      if (startAt != null && !endAt.isAfter(startAt)) {
        errors.add("schedule.endAt", "BEFORE_START", "must be after schedule.startAt");
      } else if (!endAt.isAfter(now)) {
        errors.add("schedule.endAt", "IN_THE_PAST", "must be in the future");
      }
    }
    UpgradeSettings settings =
        settings(
            errors,
            "",
            request.ratePerMinute(),
            request.retry(),
            request.timeoutMinutes(),
            request.mode(),
            request.abort());
    errors.throwIfAny();
    fits(pkg, fromVersions);
    return new BatchSpec(
        BatchKind.BATCH,
        jobPackage(pkg),
        pkg.name(),
        pkg.productKey(),
        pkg.module(),
        fromVersions,
        strategy,
        scope,
        startAt != null && startAt.isAfter(now) ? startAt : null,
        endAt,
        settings.ratePerMinute(),
        settings.policy(),
        settings.mode(),
        settings.abort());
  }

  /**
   * The checked upgrade settings of a batch, or of anything that starts one; each wrong field is
   * added to {@code errors}, named after {@code prefix} ({@code ""} or, say, {@code "upgrade."}).
   * Absent fields take their defaults: {@value #DEFAULT_RATE} a minute, no retry, a {@value
   * #DEFAULT_TIMEOUT_MINUTES}-minute timeout, {@code PUSH}, no abort rule.
   */
  public static UpgradeSettings settings(
      FieldErrors errors,
      String prefix,
      @Nullable Integer ratePerMinute,
      BatchRequest.@Nullable RetryRequest retry,
      @Nullable Integer timeoutMinutes,
      @Nullable String mode,
      BatchRequest.@Nullable AbortRequest abort) {
    int rate = range(errors, prefix + "ratePerMinute", ratePerMinute, 1, MAX_RATE, DEFAULT_RATE);
    int retries =
        range(
            errors,
            prefix + "retry.count",
            retry == null ? null : retry.count(),
            0,
            MAX_RETRIES,
            0);
    int interval =
        range(
            errors,
            prefix + "retry.intervalSeconds",
            retry == null ? null : retry.intervalSeconds(),
            10,
            86_400,
            DEFAULT_RETRY_INTERVAL_SECONDS);
    int timeout = timeout(errors, prefix, timeoutMinutes);
    NotificationMode checkedMode =
        choice(errors, prefix + "mode", mode, NotificationMode.class, NotificationMode.PUSH);
    return new UpgradeSettings(
        rate,
        new RetryPolicy(retries, Duration.ofSeconds(interval), Duration.ofMinutes(timeout)),
        checkedMode,
        abort(errors, prefix, abort));
  }

  /** Whether {@code version} is a well-formed module version: 1-64 of A-Z a-z 0-9 . _ + -. */
  public static boolean isVersion(@Nullable String version) {
    return version != null && VERSION.matcher(version).matches();
  }

  /** The checked spec of a verification of {@code pkg}. */
  static BatchSpec verification(VerificationRequest request, KnownPackage pkg) {
    FieldErrors errors = new FieldErrors();
    List<String> fromVersions = versions(errors, request.fromVersions());
    NotificationMode mode =
        choice(errors, "mode", request.mode(), NotificationMode.class, NotificationMode.PUSH);
    List<String> devices =
        deviceNames(errors, "deviceNames", request.deviceNames(), MAX_VERIFY_DEVICES);
    int timeout = timeout(errors, "", request.timeoutMinutes());
    errors.throwIfAny();
    fits(pkg, fromVersions);
    return new BatchSpec(
        BatchKind.VERIFY,
        jobPackage(pkg),
        pkg.name(),
        pkg.productKey(),
        pkg.module(),
        fromVersions,
        Strategy.STATIC,
        Scope.devices(devices),
        null,
        null,
        MAX_RATE,
        new RetryPolicy(
            0, Duration.ofSeconds(DEFAULT_RETRY_INTERVAL_SECONDS), Duration.ofMinutes(timeout)),
        mode,
        null);
  }

  static JobPackage jobPackage(KnownPackage pkg) {
    return new JobPackage(
        pkg.id(),
        pkg.type(),
        pkg.targetVersion(),
        pkg.size(),
        pkg.sha256(),
        pkg.md5(),
        pkg.signature(),
        pkg.signatureAlgorithm());
  }

  /** The from-versions must be ones the package takes: a subset of its own, never its target. */
  private static void fits(KnownPackage pkg, List<String> fromVersions) {
    FieldErrors errors = new FieldErrors();
    for (int i = 0; i < fromVersions.size(); i++) {
      String version = fromVersions.get(i);
      if (version.equals(pkg.targetVersion())) {
        errors.add(
            "fromVersions[" + i + "]", "IS_TARGET", "is the package's target version " + version);
      } else if (!pkg.fromVersions().isEmpty() && !pkg.fromVersions().contains(version)) {
        errors.add(
            "fromVersions[" + i + "]",
            "NOT_IN_PACKAGE",
            "the " + pkg.type() + " package upgrades only from " + pkg.fromVersions());
      }
    }
    errors.throwIfAny(ErrorCode.FROM_VERSIONS_NOT_ALLOWED);
  }

  private static List<String> versions(FieldErrors errors, @Nullable List<String> versions) {
    if (versions == null || versions.isEmpty()) {
      errors.add("fromVersions", "REQUIRED", "name at least one version to upgrade from");
      return List.of();
    }
    if (versions.size() > MAX_FROM_VERSIONS) {
      errors.add("fromVersions", "TOO_MANY", "at most " + MAX_FROM_VERSIONS + " versions");
      return List.of();
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < versions.size(); i++) {
      String version = versions.get(i);
      if (!isVersion(version)) {
        errors.add(
            "fromVersions[" + i + "]", "INVALID_FORMAT", "must be 1-64 of A-Z a-z 0-9 . _ + -");
      } else {
        distinct.add(version);
      }
    }
    return new ArrayList<>(distinct);
  }

  private static Scope scope(FieldErrors errors, BatchRequest.@Nullable ScopeRequest scope) {
    if (scope == null) {
      errors.add("scope", "REQUIRED", "say which devices: ALL, DEVICES, GROUP or SHARE");
      return Scope.all();
    }
    ScopeType type = choice(errors, "scope.type", scope.type(), ScopeType.class, null);
    if (type == null) {
      if (scope.type() == null) {
        errors.add("scope.type", "REQUIRED", "must be ALL, DEVICES, GROUP or SHARE");
      }
      return Scope.all();
    }
    notAllowed(
        errors, "scope.deviceNames", scope.deviceNames() != null && type != ScopeType.DEVICES);
    notAllowed(errors, "scope.tag", scope.tag() != null && type != ScopeType.GROUP);
    notAllowed(errors, "scope.percent", scope.percent() != null && type != ScopeType.SHARE);
    return switch (type) {
      case ALL -> Scope.all();
      case DEVICES ->
          Scope.devices(
              deviceNames(errors, "scope.deviceNames", scope.deviceNames(), MAX_SCOPE_DEVICES));
      case GROUP -> {
        if (scope.tag() == null || scope.tag().isBlank()) {
          errors.add("scope.tag", "REQUIRED", "name the tag of the group");
        } else {
          errors.matches("scope.tag", scope.tag(), TAG, "1-32 of A-Z a-z 0-9 _ . : -");
        }
        yield new Scope(ScopeType.GROUP, List.of(), scope.tag(), null);
      }
      case SHARE -> {
        Double percent = scope.percent();
        if (percent == null) {
          errors.add("scope.percent", "REQUIRED", "give the share of devices, 0.1-100");
        } else if (percent < 0.1
            || percent > 100
            || Math.abs(percent * 10 - Math.round(percent * 10)) > 1e-9) {
          errors.add("scope.percent", "OUT_OF_RANGE", "must be 0.1-100 with at most one decimal");
        }
        yield new Scope(ScopeType.SHARE, List.of(), null, percent);
      }
    };
  }

  private static List<String> deviceNames(
      FieldErrors errors, String field, @Nullable List<String> names, int max) {
    if (names == null || names.isEmpty()) {
      errors.add(field, "REQUIRED", "name at least one device");
      return List.of();
    }
    if (names.size() > max) {
      errors.add(field, "TOO_MANY", "at most " + max + " devices");
      return List.of();
    }
    Set<String> distinct = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!DeviceKey.isValidDeviceName(name)) {
        errors.add(
            field + "[" + i + "]",
            "INVALID_FORMAT",
            "must be 1-64 of A-Z a-z 0-9 _ . - not starting with '.'");
      } else if (!distinct.add(name)) {
        errors.add(field + "[" + i + "]", "DUPLICATE", "is named twice");
      }
    }
    return new ArrayList<>(distinct);
  }

  private static int timeout(FieldErrors errors, String prefix, @Nullable Integer minutes) {
    return range(
        errors,
        prefix + "timeoutMinutes",
        minutes,
        1,
        MAX_TIMEOUT_MINUTES,
        DEFAULT_TIMEOUT_MINUTES);
  }

  private static @Nullable AbortRule abort(
      FieldErrors errors, String prefix, BatchRequest.@Nullable AbortRequest abort) {
    if (abort == null) {
      return null;
    }
    if (abort.failurePercent() == null) {
      errors.add(prefix + "abort.failurePercent", "REQUIRED", "give the failure percentage, 1-100");
    }
    int percent =
        range(errors, prefix + "abort.failurePercent", abort.failurePercent(), 1, 100, 100);
    long minFinished = abort.minFinished() == null ? 1 : abort.minFinished();
    if (minFinished < 1 || minFinished > 10_000_000) {
      errors.add(prefix + "abort.minFinished", "OUT_OF_RANGE", "must be 1-10,000,000");
    }
    return new AbortRule(percent, minFinished);
  }

  private static int range(
      FieldErrors errors, String field, @Nullable Integer value, int min, int max, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value < min || value > max) {
      errors.add(field, "OUT_OF_RANGE", "must be " + min + "-" + max);
      return fallback;
    }
    return value;
  }

  private static @Nullable Instant instant(
      FieldErrors errors, String field, @Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      errors.add(field, "INVALID_FORMAT", "must be an ISO-8601 instant, e.g. 2026-12-01T02:00:00Z");
      return null;
    }
  }

  private static <E extends Enum<E>> @Nullable E choice(
      FieldErrors errors,
      String field,
      @Nullable String value,
      Class<E> type,
      @Nullable E fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> names = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        names.add(constant.name());
      }
      errors.add(field, "INVALID_VALUE", "must be one of " + names);
      return fallback;
    }
  }

  private static void notAllowed(FieldErrors errors, String field, boolean present) {
    if (present) {
      errors.add(field, "NOT_ALLOWED", "does not belong to this scope type");
    }
  }
}
