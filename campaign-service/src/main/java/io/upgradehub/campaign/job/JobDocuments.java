package io.upgradehub.campaign.job;

import io.upgradehub.events.jobs.JobState;
import io.upgradehub.outbox.Outbox;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** Maps jobs to and from their MongoDB documents; the document never leaves this package. */
final class JobDocuments {

  static final String BATCH_ID = "batchId";
  static final String SLOT = "slot";
  static final String STATE = "state";
  static final String ATTEMPT = "attempt";
  static final String DUE = "due";
  static final String PRODUCT_KEY = "productKey";
  static final String DEVICE_NAME = "deviceName";
  static final String SEQ = "seq";
  static final String REVISION = "revision";

  private JobDocuments() {}

  /** The whole job, without its outbox. */
  static Document toDocument(Job j) {
    return new Document("_id", j.id())
        .append(BATCH_ID, j.batchId())
        .append(SEQ, j.seq())
        .append(PRODUCT_KEY, j.productKey())
        .append(DEVICE_NAME, j.deviceName())
        .append("module", j.module())
        .append("packageId", j.packageId())
        .append("targetVersion", j.targetVersion())
        .append("fromVersion", j.fromVersion())
        .append("pull", j.pull())
        .append("createdAt", Date.from(j.createdAt()))
        .append(SLOT, j.slot())
        .append(STATE, j.state().name())
        .append(ATTEMPT, j.attempt())
        .append("currentVersion", j.currentVersion())
        .append("step", j.step())
        .append("released", j.released())
        .append("retryPending", j.retryPending())
        .append("notifiedAt", date(j.notifiedAt()))
        .append(DUE, date(j.due()))
        .append("failureCode", j.failureCode())
        .append("description", j.description())
        .append("updatedAt", Date.from(j.updatedAt()))
        .append(REVISION, j.revision());
  }

  /**
   * A new job's document: without the fields it has none of, nor those at the value {@link
   * #fromDocument} assumes when they are missing (a million-job planning stores each field a
   * million times). No query looks for those values.
   */
  static Document newDocument(Job j) {
    Document document = toDocument(j);
    document.values().removeIf(java.util.Objects::isNull);
    DEFAULTS.forEach((field, value) -> document.remove(field, value));
    return document;
  }

  private static final Map<String, Object> DEFAULTS =
      Map.of("pull", false, "step", 0, "released", false, "retryPending", false, ATTEMPT, 1);

  /** The fields a change may touch, for {@code $set}. */
  static Document changes(Job j) {
    Document all = toDocument(j);
    for (String fixed :
        new String[] {
          "_id",
          BATCH_ID,
          SEQ,
          PRODUCT_KEY,
          DEVICE_NAME,
          "module",
          "packageId",
          "targetVersion",
          "fromVersion",
          "pull",
          "createdAt",
          REVISION
        }) {
      all.remove(fixed);
    }
    return all;
  }

  static Job fromDocument(Document d) {
    Job job =
        new Job(
            d.getString("_id"),
            d.getString(BATCH_ID),
            d.get(SEQ, Number.class).longValue(),
            d.getString(PRODUCT_KEY),
            d.getString(DEVICE_NAME),
            d.getString("module"),
            d.getString("packageId"),
            d.getString("targetVersion"),
            d.getString("fromVersion"),
            d.getBoolean("pull", false),
            d.getDate("createdAt").toInstant(),
            d.getString("currentVersion"),
            JobState.valueOf(d.getString(STATE)),
            d.getInteger(ATTEMPT, 1),
            d.getInteger("step", 0),
            d.getBoolean("released", false),
            d.getBoolean("retryPending", false),
            instant(d.getDate("notifiedAt")),
            instant(d.getDate(DUE)),
            d.getInteger("failureCode"),
            d.getString("description"),
            d.getDate("updatedAt").toInstant(),
            d.get(REVISION, Number.class).longValue());
    job.readWithEventsWaiting(!d.getList(Outbox.FIELD, Document.class, List.of()).isEmpty());
    return job;
  }

  private static @Nullable Date date(@Nullable Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static @Nullable Instant instant(@Nullable Date date) {
    return date == null ? null : date.toInstant();
  }
}
