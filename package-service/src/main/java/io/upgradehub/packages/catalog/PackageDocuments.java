package io.upgradehub.packages.catalog;

import io.upgradehub.packages.signing.PackageSignature;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Maps packages to and from their MongoDB documents; the document never leaves this package. */
final class PackageDocuments {

  private PackageDocuments() {}

  static Document toDocument(UpgradePackage p) {
    return new Document("_id", p.id().value())
        .append("name", p.name())
        .append("type", p.type().name())
        .append("productKey", p.productKey())
        .append("module", p.module())
        .append("targetVersion", p.targetVersion())
        .append("fromVersions", p.fromVersions())
        .append("description", p.description())
        .append(
            "file",
            new Document("size", p.file().size())
                .append("sha256", p.file().sha256())
                .append("md5", p.file().md5()))
        .append(
            "signature",
            new Document("algorithm", p.signature().algorithm())
                .append("keyId", p.signature().keyId())
                .append("value", p.signature().value()))
        .append("status", p.status().name())
        .append("statusAt", p.statusAt() == null ? null : Date.from(p.statusAt()))
        .append("enabled", p.enabled())
        .append("createdAt", Date.from(p.createdAt()))
        .append("updatedAt", Date.from(p.updatedAt()))
        .append("identity", p.identity())
        .append("version", p.version())
        .append(Packages.DELETED, p.deleted());
  }

  static UpgradePackage fromDocument(Document d) {
    Document file = d.get("file", Document.class);
    Document signature = d.get("signature", Document.class);
    return new UpgradePackage(
        new PackageId(d.getString("_id")),
        d.getString("name"),
        PackageType.valueOf(d.getString("type")),
        d.getString("productKey"),
        d.getString("module"),
        d.getString("targetVersion"),
        d.getList("fromVersions", String.class, List.of()),
        d.getString("description"),
        new PackageFile(
            file.get("size", Number.class).longValue(),
            file.getString("sha256"),
            file.getString("md5")),
        new PackageSignature(
            signature.getString("algorithm"),
            signature.getString("keyId"),
            signature.getString("value")),
        PackageStatus.valueOf(d.getString("status")),
        d.getDate("statusAt") == null ? null : d.getDate("statusAt").toInstant(),
        d.getBoolean("enabled", true),
        d.getDate("createdAt").toInstant(),
        d.getDate("updatedAt").toInstant(),
        d.get("version", Number.class).longValue(),
        d.getBoolean(Packages.DELETED, false));
  }
}
