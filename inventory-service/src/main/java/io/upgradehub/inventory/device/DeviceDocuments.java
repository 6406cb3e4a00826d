package io.upgradehub.inventory.device;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Maps devices to and from their MongoDB documents; the document never leaves this package. Module
 * names are document keys ({@code versions.<module>.version}), safe as they hold no '.' or '$'.
 */
final class DeviceDocuments {

  static final String PRODUCT_KEY = "productKey";
  static final String DEVICE_NAME = "deviceName";
  static final String CREATED_AT = "createdAt";
  static final String TAGS = "tags";

  private DeviceDocuments() {}

  static Document toDocument(Device d) {
    Document versions = new Document();
    d.versions()
        .forEach(
            (module, v) ->
                versions.append(
                    module,
                    new Document("version", v.version())
                        .append("updatedAt", Date.from(v.updatedAt()))));
    return new Document("_id", d.id().value())
        .append(PRODUCT_KEY, d.id().productKey())
        .append(DEVICE_NAME, d.id().deviceName())
        .append("versions", versions)
        .append(TAGS, d.tags())
        .append("totalUpgrades", d.totalUpgrades())
        .append("totalFailures", d.totalFailures())
        .append("online", d.online())
        .append("lastSeenAt", date(d.lastSeenAt()))
        .append(CREATED_AT, Date.from(d.createdAt()))
        .append("revision", d.revision());
  }

  static Device fromDocument(Document d) {
    Map<String, ModuleVersion> versions = new TreeMap<>();
    Document stored = d.get("versions", Document.class);
    if (stored != null) {
      stored.forEach(
          (module, value) -> {
            Document v = (Document) value;
            versions.put(
                module,
                new ModuleVersion(v.getString("version"), v.getDate("updatedAt").toInstant()));
          });
    }
    Date lastSeenAt = d.getDate("lastSeenAt");
    return new Device(
        new DeviceId(d.getString(PRODUCT_KEY), d.getString(DEVICE_NAME)),
        versions,
        d.getList(TAGS, String.class, List.of()),
        d.get("totalUpgrades", Number.class).longValue(),
        d.get("totalFailures", Number.class).longValue(),
        d.getBoolean("online", false),
        lastSeenAt == null ? null : lastSeenAt.toInstant(),
        d.getDate(CREATED_AT).toInstant(),
        d.get("revision", Number.class).longValue());
  }

  private static @Nullable Date date(@Nullable Instant instant) {
    return instant == null ? null : Date.from(instant);
  }
}
