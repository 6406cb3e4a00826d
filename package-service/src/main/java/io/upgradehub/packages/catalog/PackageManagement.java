package io.upgradehub.packages.catalog;

import io.upgradehub.packages.product.KnownProducts;
import io.upgradehub.packages.signing.PackageSigner;
import io.upgradehub.packages.storage.ObjectStorage;
import io.upgradehub.packages.system.ErrorCode;
import io.upgradehub.packages.upload.PackageFiles;
import io.upgradehub.packages.upload.StoredFile;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldErrors;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The package use cases: add, read, list, change, delete, hand out download URLs, and mirror the
 * verification status campaign-service reports.
 */
@Service
class PackageManagement {

  static final int MAX_PAGE_SIZE = 100;
  private static final int UPDATE_ATTEMPTS = 5;

  private final Packages packages;
  private final KnownProducts products;
  private final PackageFiles files;
  private final PackageSigner signer;
  private final ObjectStorage storage;
  private final DownloadProperties downloads;
  private final Clock clock;

  PackageManagement(
      Packages packages,
      KnownProducts products,
      PackageFiles files,
      PackageSigner signer,
      ObjectStorage storage,
      DownloadProperties downloads,
      Clock clock) {
    this.packages = packages;
    this.products = products;
    this.files = files;
    this.signer = signer;
    this.storage = storage;
    this.downloads = downloads;
    this.clock = clock;
  }

  /**
   * Validates the metadata, refuses an unknown product or module and a duplicate before reading the
   * file, streams the file to storage while hashing it, signs the digest and stores the package
   * with its created event. When any step fails, neither the object nor the record remains.
   */
  UpgradePackage create(NewPackageRequest request, InputStream file) {
    try {
      UpgradePackage created = store(request.validate(), file);
      files.countUpload("CREATED");
      return created;
    } catch (RuntimeException e) {
      files.countUpload(e instanceof ApiException api ? api.code().name() : "ERROR");
      throw e;
    }
  }

  private UpgradePackage store(NewPackage spec, InputStream file) {
    products.requireModule(spec.productKey(), spec.module());
    if (packages.identityTaken(spec.identity())) {
      throw new DuplicatePackageException(spec.identity());
    }
    PackageId id = PackageId.random();
    StoredFile stored = files.store(id.objectKey(), file);
    try {
      checkDeclaredDigests(spec, stored);
      UpgradePackage created =
          UpgradePackage.create(
              id,
              spec,
              new PackageFile(stored.size(), stored.sha256(), stored.md5()),
              signer.sign(stored.sha256()),
              clock.instant());
      packages.insert(created);
      return created;
    } catch (RuntimeException e) {
      files.discard(stored.key());
      throw e;
    }
  }

  private static void checkDeclaredDigests(NewPackage spec, StoredFile stored) {
    boolean sha256Differs =
        spec.expectedSha256() != null && !spec.expectedSha256().equals(stored.sha256());
    boolean md5Differs = spec.expectedMd5() != null && !spec.expectedMd5().equals(stored.md5());
    if (sha256Differs || md5Differs) {
      throw new ApiException(
          ErrorCode.CHECKSUM_MISMATCH,
          "The received file has SHA-256 " + stored.sha256() + " and MD5 " + stored.md5());
    }
  }

  UpgradePackage get(PackageId id) {
    return packages.find(id).orElseThrow(() -> notFound(id));
  }

  PackagePage<UpgradePackage> list(
      @Nullable String name, @Nullable String productKey, int page, int size) {
    FieldErrors errors = new FieldErrors();
    if (page < 0) {
      errors.add("page", "OUT_OF_RANGE", "must be 0 or more");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      errors.add("size", "OUT_OF_RANGE", "must be between 1 and " + MAX_PAGE_SIZE);
    }
    errors.throwIfAny(CommonError.INVALID_PARAMETER);
    return packages.page(name, productKey, page, size);
  }

  /** Applies an operator's change; retried on a concurrent write, as the change is absolute. */
  UpgradePackage update(PackageId id, PackagePatchRequest patch) {
    return change(id, p -> p.update(patch.enabled(), patch.description(), clock.instant()));
  }

  /**
   * Deletes the package and its file. The tombstone keeps the deleted event until it is out; the
   * file is removed now and once more by {@link TombstonePurger}, in case this instance dies
   * between the two steps.
   */
  void delete(PackageId id) {
    change(
        id,
        p -> {
          p.delete(clock.instant());
          return true;
        });
    files.discard(id.objectKey());
  }

  /**
   * Takes the verification status campaign-service reported for a package (see {@link
   * UpgradePackage#changeStatus}), re-reading and retrying when another writer got there first.
   *
   * @param at when the package entered {@code status}, as the report says
   * @return whether the status changed; false for an unknown or deleted package, a repeated report
   *     and one older than the status the package holds
   * @throws IllegalStateException when the package kept changing under every attempt; the caller
   *     (the listener's container) tries the report again later
   */
  boolean changeStatus(PackageId id, PackageStatus status, Instant at) {
    for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      Optional<UpgradePackage> current = packages.find(id);
      if (current.isEmpty() || !current.get().changeStatus(status, at, clock.instant())) {
        return false;
      }
      if (packages.update(current.get())) {
        return true;
      }
    }
    throw new IllegalStateException(
        "Package " + id + " kept changing under " + UPDATE_ATTEMPTS + " attempts");
  }

  /**
   * Reads the package, applies {@code mutation} and writes it if it changed anything, re-reading
   * and retrying when another writer got there first (optimistic locking on {@code version}).
   */
  private UpgradePackage change(PackageId id, Predicate<UpgradePackage> mutation) {
    for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      UpgradePackage current = get(id);
      if (!mutation.test(current) || packages.update(current)) {
        return current;
      }
    }
    throw new ApiException(
        ErrorCode.CONCURRENT_MODIFICATION, "Package " + id + " is being changed concurrently");
  }

  DownloadUrl downloadUrl(PackageId id) {
    UpgradePackage found = get(id);
    Instant expiresAt = clock.instant().plus(downloads.downloadUrlTtl());
    String url = storage.presignedGet(found.id().objectKey(), downloads.downloadUrlTtl());
    return new DownloadUrl(url, expiresAt, found.file().size(), found.file().sha256());
  }

  private static ApiException notFound(PackageId id) {
    return new ApiException(ErrorCode.PACKAGE_NOT_FOUND, "No package with id " + id);
  }

  /** A presigned URL with what a downloader needs to check what it got. */
  record DownloadUrl(String url, Instant expiresAt, long size, String sha256) {}
}
