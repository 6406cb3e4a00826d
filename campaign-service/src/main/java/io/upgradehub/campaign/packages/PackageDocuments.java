package io.upgradehub.campaign.packages;

import io.upgradehub.events.batches.VerificationStatus;
import java.util.List;
import org.bson.Document;

/** Maps known packages from their MongoDB documents; the document never leaves this package. */
final class PackageDocuments {

  static final String ENABLED = "enabled";
  static final String DELETED = "deleted";
  static final String UPDATED_AT = "updatedAt";
  static final String VERIFICATION = "verification";
  static final String VERIFICATION_BATCH = "verificationBatchId";
  static final String VERIFICATION_AT = "verificationAt";

  private PackageDocuments() {}

  static KnownPackage fromDocument(Document d) {
    String status = d.getString(VERIFICATION);
    return new KnownPackage(
        d.getString("_id"),
        d.getString("name"),
        d.getString("type"),
        d.getString("productKey"),
        d.getString("module"),
        d.getString("targetVersion"),
        d.getList("fromVersions", String.class, List.of()),
        d.get("size", Number.class).longValue(),
        d.getString("sha256"),
        d.getString("md5"),
        d.getString("signature"),
        d.getString("signatureAlgorithm"),
        d.getBoolean(ENABLED, false),
        status == null ? VerificationStatus.UNVERIFIED : VerificationStatus.valueOf(status));
  }
}
