package io.upgradehub.campaign.packages;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.upgradehub.events.batches.VerificationChanged;
import io.upgradehub.events.batches.VerificationStatus;
import io.upgradehub.events.packages.PackageCreated;
import io.upgradehub.events.packages.PackageDeleted;
import io.upgradehub.events.packages.PackageUpdated;
import io.upgradehub.outbox.Outbox;
import io.upgradehub.outbox.PendingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * The packages this service learnt from package-service's events (collection {@code packages},
 * {@code _id} = package id), and their verification status, which this service owns: a status
 * change and its {@link VerificationChanged} event are one document write (the outbox).
 */
@Repository
public class KnownPackages {

  private final MongoCollection<Document> packages;
  private final Outbox outbox;

  KnownPackages(MongoCollection<Document> packageCollection, Outbox outbox) {
    this.packages = packageCollection;
    this.outbox = outbox;
  }

  /** A live (not deleted) package, or empty when there is none by that id or it was deleted. */
  public Optional<KnownPackage> find(String id) {
    Document found = packages.find(and(eq("_id", id), ne(PackageDocuments.DELETED, true))).first();
    return Optional.ofNullable(found).map(PackageDocuments::fromDocument);
  }

  /**
   * The enabled, live packages of a product's module that bring a device running {@code from} to
   * {@code target}: {@code DIFF} packages first (they are smaller), then {@code FULL} ones.
   */
  public List<KnownPackage> reaching(String productKey, String module, String from, String target) {
    List<KnownPackage> found = new ArrayList<>();
    for (Document d :
        packages.find(
            and(
                eq("productKey", productKey),
                eq("module", module),
                eq("targetVersion", target),
                eq(PackageDocuments.ENABLED, true),
                ne(PackageDocuments.DELETED, true)))) {
      KnownPackage pkg = PackageDocuments.fromDocument(d);
      if (pkg.accepts(from)) {
        found.add(pkg);
      }
    }
    found.sort(Comparator.comparing(pkg -> !pkg.isDiff()));
    return found;
  }

  /**
   * Moves the package's verification from {@code expected} to {@code next}, with its event.
   *
   * @param batchId the verification batch behind the change; null for a skip
   * @return false when the package is gone or its status is no longer {@code expected} (a
   *     concurrent change); the caller reads again
   */
  public boolean changeVerification(
      String id,
      VerificationStatus expected,
      VerificationStatus next,
      @Nullable String batchId,
      Instant now) {
    Bson current =
        expected == VerificationStatus.UNVERIFIED
            ? or(
                exists(PackageDocuments.VERIFICATION, false),
                eq(PackageDocuments.VERIFICATION, expected.name()))
            : eq(PackageDocuments.VERIFICATION, expected.name());
    List<Document> entries =
        outbox.entries(
            id,
            now,
            List.of(
                new PendingEvent(
                    VerificationChanged.TYPE,
                    VerificationChanged.VERSION,
                    new VerificationChanged(id, next, batchId, now))));
    boolean changed =
        packages
                .updateOne(
                    and(eq("_id", id), ne(PackageDocuments.DELETED, true), current),
                    Updates.combine(
                        Updates.set(PackageDocuments.VERIFICATION, next.name()),
                        Updates.set(PackageDocuments.VERIFICATION_BATCH, batchId),
                        Updates.set(PackageDocuments.VERIFICATION_AT, Date.from(now)),
                        Updates.pushEach(Outbox.FIELD, entries)))
                .getModifiedCount()
            == 1;
    if (changed) {
      outbox.written();
    }
    return changed;
  }

  /** Learns a new package; a repeated event changes nothing. */
  void apply(PackageCreated created) {
    Document facts =
        new Document("name", created.name())
            .append("type", created.type())
            .append("productKey", created.productKey())
            .append("module", created.module())
            .append("targetVersion", created.targetVersion())
            .append(
                "fromVersions", created.fromVersions() == null ? List.of() : created.fromVersions())
            .append("size", created.size())
            .append("sha256", created.sha256())
            .append("md5", created.md5())
            .append("signature", created.signature())
            .append("signatureAlgorithm", created.signatureAlgorithm())
            .append(PackageDocuments.ENABLED, created.enabled())
            .append(PackageDocuments.UPDATED_AT, Date.from(created.at()));
    packages.updateOne(
        eq("_id", created.packageId()),
        new Document("$setOnInsert", facts),
        new UpdateOptions().upsert(true));
  }

  /** Takes the package's enabled flag from an update newer than the last one applied. */
  void apply(PackageUpdated updated) {
    packages.updateOne(
        and(
            eq("_id", updated.packageId()),
            or(
                exists(PackageDocuments.UPDATED_AT, false),
                lt(PackageDocuments.UPDATED_AT, Date.from(updated.at())))),
        Updates.combine(
            Updates.set(PackageDocuments.ENABLED, updated.enabled()),
            Updates.set(PackageDocuments.UPDATED_AT, Date.from(updated.at()))));
  }

  /** Forgets a deleted package for new batches; its document stays for the batches it had. */
  void apply(PackageDeleted deleted) {
    packages.updateOne(
        eq("_id", deleted.packageId()),
        Updates.set(PackageDocuments.DELETED, true),
        new UpdateOptions().upsert(true));
  }
}
