package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.inventory.DeviceDirectory;
import io.upgradehub.campaign.inventory.InventoryUnavailableException;
import io.upgradehub.campaign.inventory.UnknownProductException;
import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.campaign.packages.KnownPackage;
import io.upgradehub.campaign.packages.KnownPackages;
import io.upgradehub.campaign.system.ErrorCode;
import io.upgradehub.events.batches.VerificationStatus;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.FieldErrors;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * The use cases of verifications and batch upgrades. Every check runs before anything is written,
 * so a refused request changes nothing.
 */
@Service
public class BatchManagement {

  private final KnownPackages packages;
  private final Batches batches;
  private final Jobs jobs;
  private final Planner planner;
  private final Preview preview;
  private final DeviceDirectory directory;
  private final BatchLifecycle lifecycle;
  private final Clock clock;

  BatchManagement(
      KnownPackages packages,
      Batches batches,
      Jobs jobs,
      Planner planner,
      Preview preview,
      DeviceDirectory directory,
      BatchLifecycle lifecycle,
      Clock clock) {
    this.packages = packages;
    this.batches = batches;
    this.jobs = jobs;
    this.planner = planner;
    this.preview = preview;
    this.directory = directory;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /**
   * Starts a verification: its devices must all be devices of the product, on a from-version, and
   * in no other open job; the package becomes {@code VERIFYING}.
   */
  Batch verify(String packageId, VerificationRequest request) {
    KnownPackage pkg = usable(packageId);
    BatchSpec spec = BatchRequests.verification(request, pkg);
    checkVerifiable(pkg.verification());
    List<String> names = spec.scope().deviceNames();
    DeviceDirectory.Lookup found =
        inventory(() -> directory.lookup(pkg.productKey(), pkg.module(), names));
    Map<String, String> versions = new HashMap<>();
    found.devices().forEach(d -> versions.put(d.deviceName(), d.version()));
    FieldErrors unknown = new FieldErrors();
    FieldErrors ineligible = new FieldErrors();
    Map<String, String> held =
        jobs.held(names.stream().map(n -> Job.slot(pkg.productKey(), n, pkg.module())).toList());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String field = "deviceNames[" + i + "]";
      if (!versions.containsKey(name)) {
        unknown.add(field, "UNKNOWN", "the product has no device " + name);
        continue;
      }
      Exclusion why = Exclusion.of(spec, name, versions.get(name));
      if (why == null && held.containsKey(Job.slot(pkg.productKey(), name, pkg.module()))) {
        why = Exclusion.IN_ANOTHER_BATCH;
      }
      if (why != null) {
        ineligible.add(field, why.name(), describe(why, versions.get(name)));
      }
    }
    unknown.throwIfAny(ErrorCode.UNKNOWN_DEVICES);
    ineligible.throwIfAny(ErrorCode.DEVICES_NOT_ELIGIBLE);
    Instant now = clock.instant();
    Batch batch = Batch.create(BatchIds.next(), spec, now);
    batches.insert(batch);
    if (!packages.changeVerification(
        pkg.id(), pkg.verification(), VerificationStatus.VERIFYING, batch.id(), now)) {
      lifecycle.cancel(batch, "the package's verification changed meanwhile");
      throw new ApiException(
          ErrorCode.VERIFICATION_RUNNING, "Another request changed the verification meanwhile");
    }
    try {
      planner.plan(batch);
    } catch (RuntimeException e) {
      // the scheduler plans it again shortly
    }
    return batches.find(batch.id()).orElse(batch);
  }

  /**
   * Skips verification: batch upgrades are allowed from now on and verification never runs. A
   * repeated skip answers the same.
   */
  VerificationStatus skip(String packageId) {
    KnownPackage pkg = known(packageId);
    switch (pkg.verification()) {
      case VERIFY_SKIPPED -> {
        return VerificationStatus.VERIFY_SKIPPED;
      }
      case VERIFYING ->
          throw new ApiException(
              ErrorCode.VERIFICATION_RUNNING, "Wait for the verification or cancel its batch");
      case VERIFIED ->
          throw new ApiException(ErrorCode.ALREADY_VERIFIED, "The package is already verified");
      default -> {
        if (!packages.changeVerification(
            pkg.id(),
            pkg.verification(),
            VerificationStatus.VERIFY_SKIPPED,
            null,
            clock.instant())) {
          return skip(packageId); // changed meanwhile: decide on what is stored now
        }
        return VerificationStatus.VERIFY_SKIPPED;
      }
    }
  }

  /** The package's verification status. */
  VerificationStatus verification(String packageId) {
    return known(packageId).verification();
  }

  /**
   * Creates a batch upgrade; its jobs are planned right after, from inventory-service's devices.
   */
  Batch create(String packageId, BatchRequest request) {
    KnownPackage pkg = usable(packageId);
    BatchSpec spec = BatchRequests.batch(request, pkg, clock.instant());
    if (!pkg.verification().allowsBatches()) {
      throw new ApiException(
          ErrorCode.NOT_VERIFIED,
          "The package is "
              + pkg.verification()
              + ": verify it on a few devices, or skip verification, before a batch upgrade");
    }
    if (spec.scope().type() == ScopeType.DEVICES) {
      checkKnown(spec);
    }
    Batch batch = Batch.create(BatchIds.next(), spec, clock.instant());
    batches.insert(batch);
    return batch;
  }

  /** What {@link #create} would do now, without doing it. */
  PreviewResponse preview(String packageId, BatchRequest request) {
    KnownPackage pkg = known(packageId);
    BatchSpec spec = BatchRequests.batch(request, pkg, clock.instant());
    return inventory(() -> preview.of(spec));
  }

  Batch get(String batchId) {
    return batches
        .find(batchId)
        .orElseThrow(() -> new ApiException(ErrorCode.BATCH_NOT_FOUND, "No batch " + batchId));
  }

  List<Batch> list(String packageId, int page, int size) {
    return batches.ofPackage(packageId, page, size);
  }

  long count(String packageId) {
    return batches.countOfPackage(packageId);
  }

  Batch pause(String batchId) {
    Batch batch = get(batchId);
    if (!lifecycle.pause(batch, "paused by an operator")) {
      throw conflict(batch, "pause");
    }
    return get(batchId);
  }

  Batch resume(String batchId) {
    Batch batch = get(batchId);
    if (!lifecycle.resume(batch)) {
      throw conflict(batch, "resume");
    }
    return get(batchId);
  }

  /**
   * Cancels a batch: no device starts any more, and its open jobs are canceled right after. A
   * transfer's batch is canceled with its transfer, which also ends the devices no job holds.
   */
  Batch cancel(String batchId) {
    Batch batch = get(batchId);
    if (batch.spec().kind() == BatchKind.TRANSFER && !batch.state().isFinal()) {
      throw new ApiException(
          ErrorCode.BATCH_STATE_CONFLICT,
          "Batch "
              + batchId
              + " upgrades a transfer's devices: cancel the transfer"
              + " (POST /api/v1/transfers/"
              + batchId
              + "/cancel), or cancel single devices");
    }
    if (!lifecycle.cancel(batch, "canceled by an operator")) {
      throw conflict(batch, "cancel");
    }
    return get(batchId);
  }

  private ApiException conflict(Batch batch, String what) {
    return new ApiException(
        ErrorCode.BATCH_STATE_CONFLICT,
        "Cannot " + what + " batch " + batch.id() + ": it is " + batch.state());
  }

  private void checkKnown(BatchSpec spec) {
    List<String> names = spec.scope().deviceNames();
    List<String> missing = new ArrayList<>();
    for (int from = 0; from < names.size(); from += Planner.CHUNK) {
      List<String> part = names.subList(from, Math.min(names.size(), from + Planner.CHUNK));
      java.util.Set<String> found = new java.util.HashSet<>();
      inventory(() -> directory.lookup(spec.productKey(), spec.module(), part))
          .devices()
          .forEach(d -> found.add(d.deviceName()));
      part.stream().filter(name -> !found.contains(name)).forEach(missing::add);
    }
    if (!missing.isEmpty()) {
      FieldErrors errors = new FieldErrors();
      for (String name : missing) {
        errors.add(
            "scope.deviceNames[" + names.indexOf(name) + "]",
            "UNKNOWN",
            "the product has no device " + name);
      }
      errors.throwIfAny(ErrorCode.UNKNOWN_DEVICES);
    }
  }

  private static void checkVerifiable(VerificationStatus status) {
    switch (status) {
      case VERIFY_SKIPPED ->
          throw new ApiException(
              ErrorCode.VERIFICATION_SKIPPED,
              "Verification was skipped for this package and can never run");
      case VERIFYING ->
          throw new ApiException(
              ErrorCode.VERIFICATION_RUNNING, "A verification of this package is running");
      case VERIFIED ->
          throw new ApiException(ErrorCode.ALREADY_VERIFIED, "The package is already verified");
      default -> {
        // UNVERIFIED or VERIFY_FAILED: verify (again)
      }
    }
  }

  private KnownPackage known(String packageId) {
    return packages
        .find(packageId)
        .orElseThrow(
            () -> new ApiException(ErrorCode.PACKAGE_NOT_FOUND, "No package " + packageId));
  }

  /** A known package that is enabled: a disabled one gets neither verification nor batches. */
  private KnownPackage usable(String packageId) {
    KnownPackage pkg = known(packageId);
    if (!pkg.enabled()) {
      throw new ApiException(
          ErrorCode.PACKAGE_DISABLED, "Enable the package before verifying or upgrading with it");
    }
    return pkg;
  }

  private static String describe(Exclusion why, String version) {
    return switch (why) {
      case ALREADY_ON_TARGET -> "already runs the target version";
      case NOT_ON_A_FROM_VERSION ->
          "runs "
              + (version == null ? "no known version" : version)
              + ", not a chosen from-version";
      case IN_ANOTHER_BATCH -> "is in another open upgrade of this module";
      default -> why.name();
    };
  }

  private static <T> T inventory(Supplier<T> call) {
    try {
      return call.get();
    } catch (UnknownProductException e) {
      throw new ApiException(ErrorCode.PACKAGE_NOT_FOUND, "inventory-service: " + e.getMessage());
    } catch (InventoryUnavailableException e) {
      throw new ApiException(ErrorCode.INVENTORY_UNAVAILABLE, e.getMessage(), e);
    }
  }
}
