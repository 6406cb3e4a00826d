package io.upgradehub.packages.catalog;

import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageDeleted;
import io.upgradehub.events.packages.PackageUpdated;
import io.upgradehub.outbox.PendingEvent;
import io.upgradehub.packages.signing.PackageSignature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An upgrade package: a firmware file for one module of one product, its verified digests and
 * signature, and what an operator may change about it. Every state change checks the state and
 * raises the event that must be published with it.
 */
public final class UpgradePackage {

  private final PackageId id;
  private final String name;
  private final PackageType type;
  private final String productKey;
  private final String module;
  private final String targetVersion;
  private final List<String> fromVersions;
  private final PackageFile file;
  private final PackageSignature signature;
  private final Instant createdAt;
  private final long version;
  private @Nullable String description;
  private PackageStatus status;
  private @Nullable Instant statusAt;
  private boolean enabled;
  private Instant updatedAt;
  private boolean deleted;
  private final List<PendingEvent> pendingEvents = new ArrayList<>();

  UpgradePackage(
      PackageId id,
      String name,
      PackageType type,
      String productKey,
      String module,
      String targetVersion,
      List<String> fromVersions,
      @Nullable String description,
      PackageFile file,
      PackageSignature signature,
      PackageStatus status,
      @Nullable Instant statusAt,
      boolean enabled,
      Instant createdAt,
      Instant updatedAt,
      long version,
      boolean deleted) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.productKey = productKey;
    this.module = module;
    this.targetVersion = targetVersion;
    this.fromVersions = List.copyOf(fromVersions);
    this.description = description;
    this.file = file;
    this.signature = signature;
    this.status = status;
    this.statusAt = statusAt;
    this.enabled = enabled;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
    this.version = version;
    this.deleted = deleted;
  }

  /** A new, enabled, unverified package; raises {@link PackageCreated}. */
  static UpgradePackage create(
      PackageId id, NewPackage spec, PackageFile file, PackageSignature signature, Instant now) {
    UpgradePackage created =
        new UpgradePackage(
            id,
            spec.name(),
            spec.type(),
            spec.productKey(),
            spec.module(),
            spec.targetVersion(),
            spec.fromVersions(),
            spec.description(),
            file,
            signature,
            PackageStatus.UNVERIFIED,
            null,
            true,
            now,
            now,
            0,
            false);
    created.raise(
        PackageCreated.TYPE,
        PackageCreated.VERSION,
        new PackageCreated(
            id.value(),
            spec.name(),
            spec.type().name(),
            spec.productKey(),
            spec.module(),
            spec.targetVersion(),
            spec.fromVersions(),
            file.size(),
            file.sha256(),
            file.md5(),
            signature.value(),
            signature.algorithm(),
            PackageStatus.UNVERIFIED.name(),
            true,
            now));
    return created;
  }

  /**
   * Applies the given changes; a null argument leaves that field as it is, an empty description
   * clears it. Raises {@link PackageUpdated} only when something changed.
   *
   * @return whether anything changed
   */
  boolean update(@Nullable Boolean newEnabled, @Nullable String newDescription, Instant now) {
    checkNotDeleted();
    boolean changed = false;
    if (newEnabled != null && newEnabled != enabled) {
      enabled = newEnabled;
      changed = true;
    }
    if (newDescription != null) {
      String normalized = newDescription.isBlank() ? null : newDescription;
      if (!Objects.equals(normalized, description)) {
        description = normalized;
        changed = true;
      }
    }
    if (changed) {
      updatedAt = now;
      raise(
          PackageUpdated.TYPE,
          PackageUpdated.VERSION,
          new PackageUpdated(id.value(), enabled, description, status.name(), now));
    }
    return changed;
  }

  /**
   * Takes the verification status campaign-service reported, unless this package already holds one
   * entered at a later time. The reports come in order but at least once, so a repeated one (the
   * status it already has) and a stale one (older than {@link #statusAt()}) change nothing. A
   * change raises {@link PackageUpdated} with the new status, for the readers of this service's
   * events.
   *
   * @param newStatus the status campaign-service reported
   * @param at when the package entered {@code newStatus}, by campaign-service's clock; kept to the
   *     millisecond, as the store keeps it, so a report compares the same before and after a read
   * @param now this service's time of the change: the package's {@code updatedAt} and the event's
   * @return whether the status changed
   * @throws IllegalStateException when the package is deleted
   */
  boolean changeStatus(PackageStatus newStatus, Instant at, Instant now) {
    checkNotDeleted();
    Instant entered = at.truncatedTo(ChronoUnit.MILLIS);
    if (newStatus == status || (statusAt != null && entered.isBefore(statusAt))) {
      return false;
    }
    status = newStatus;
    statusAt = entered;
    updatedAt = now;
    raise(
        PackageUpdated.TYPE,
        PackageUpdated.VERSION,
        new PackageUpdated(id.value(), enabled, description, status.name(), now));
    return true;
  }

  /** Marks the package deleted; raises {@link PackageDeleted}. */
  void delete(Instant now) {
    checkNotDeleted();
    deleted = true;
    updatedAt = now;
    raise(PackageDeleted.TYPE, PackageDeleted.VERSION, new PackageDeleted(id.value(), now));
  }

  private void checkNotDeleted() {
    if (deleted) {
      throw new IllegalStateException("package " + id + " is deleted");
    }
  }

  private void raise(String eventType, int eventVersion, Object data) {
    pendingEvents.add(new PendingEvent(eventType, eventVersion, data));
  }

  List<PendingEvent> pendingEvents() {
    return List.copyOf(pendingEvents);
  }

  public PackageId id() {
    return id;
  }

  public String name() {
    return name;
  }

  public PackageType type() {
    return type;
  }

  public String productKey() {
    return productKey;
  }

  public String module() {
    return module;
  }

  public String targetVersion() {
    return targetVersion;
  }

  public List<String> fromVersions() {
    return fromVersions;
  }

  public @Nullable String description() {
    return description;
  }

  public PackageFile file() {
    return file;
  }

  public PackageSignature signature() {
    return signature;
  }

  public PackageStatus status() {
    return status;
  }

  /**
   * When the package entered its {@link #status()}, by campaign-service's clock; null while it is
   * {@code UNVERIFIED} since its upload (no verification event arrived yet).
   */
  public @Nullable Instant statusAt() {
    return statusAt;
  }

  public boolean enabled() {
    return enabled;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The optimistic-lock version this object was read at. */
  long version() {
    return version;
  }

  boolean deleted() {
    return deleted;
  }

  /** The identity that must be unique among live packages. */
  String identity() {
    return identity(productKey, module, type, targetVersion, fromVersions);
  }

  /**
   * What makes two packages the same: product, module, type, target and (sorted) from-versions.
   * Kept in a unique index, which is how the store refuses a duplicate even under a race.
   */
  static String identity(
      String productKey,
      String module,
      PackageType type,
      String targetVersion,
      List<String> fromVersions) {
    return String.join(
        "|", productKey, module, type.name(), targetVersion, String.join(",", fromVersions));
  }
}
