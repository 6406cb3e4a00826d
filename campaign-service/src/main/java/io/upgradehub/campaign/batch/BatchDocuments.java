package io.upgradehub.campaign.batch;

import io.upgradehub.campaign.job.JobPackage;
import io.upgradehub.campaign.job.RetryPolicy;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.jobs.JobState;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** Maps batches to and from their MongoDB documents; the document never leaves this package. */
final class BatchDocuments {

  static final String PACKAGE_ID = "packageId";
  static final String STATE = "state";
  static final String ACTIVE = "active";
  static final String CREATED_AT = "createdAt";
  static final String COUNTS = "counts";
  static final String EXCLUDED = "excluded";
  static final String PLANNED = "planned";
  static final String PLAN_SEQ = "planSeq";
  static final String PLANNING_DONE = "planningDone";
  static final String NEXT_SEQ = "nextSeq";
  static final String RATE_TIME = "rateTime";

  private BatchDocuments() {}

  static Document toDocument(Batch b) {
    BatchSpec s = b.spec();
    JobPackage p = s.pkg();
    Document scope =
        new Document("type", s.scope().type().name())
            .append("deviceNames", s.scope().deviceNames())
            .append("tag", s.scope().tag())
            .append("percent", s.scope().percent());
    Document abort =
        s.abort() == null
            ? null
            : new Document("failurePercent", s.abort().failurePercent())
                .append("minFinished", s.abort().minFinished());
    Document document =
        new Document("_id", b.id())
            .append("kind", s.kind().name())
            .append(PACKAGE_ID, p.packageId())
            .append("packageName", s.packageName())
            .append("productKey", s.productKey())
            .append("module", s.module())
            .append(
                "pkg",
                new Document("type", p.type())
                    .append("targetVersion", p.targetVersion())
                    .append("size", p.size())
                    .append("sha256", p.sha256())
                    .append("md5", p.md5())
                    .append("signature", p.signature())
                    .append("signatureAlgorithm", p.signatureAlgorithm()))
            .append("fromVersions", s.fromVersions())
            .append("strategy", s.strategy().name())
            .append("scope", scope)
            .append("startAt", date(s.startAt()))
            .append("endAt", date(s.endAt()))
            .append("ratePerMinute", s.ratePerMinute())
            .append("retries", s.policy().retries())
            .append("retryIntervalSeconds", s.policy().interval().toSeconds())
            .append("timeoutMinutes", s.policy().timeout().toMinutes())
            .append("mode", s.mode().name())
            .append("abort", abort)
            .append(CREATED_AT, Date.from(b.createdAt()))
            .append(PLANNED, 0L)
            .append(PLAN_SEQ, 0L)
            .append(PLANNING_DONE, false)
            .append(EXCLUDED, new Document())
            .append(NEXT_SEQ, 0L)
            .append(COUNTS, new Document());
    document.putAll(stateFields(b));
    return document;
  }

  /** The fields a state change sets. */
  static Document stateFields(Batch b) {
    return new Document(STATE, b.state().name())
        // a canceled batch stays active until the scheduler canceled its open jobs
        .append(ACTIVE, b.state() != BatchState.COMPLETED)
        .append("startedAt", date(b.startedAt()))
        .append("finishedAt", date(b.finishedAt()))
        .append("reason", b.reason());
  }

  static Batch fromDocument(Document d) {
    Document p = d.get("pkg", Document.class);
    JobPackage pkg =
        new JobPackage(
            d.getString(PACKAGE_ID),
            p.getString("type"),
            p.getString("targetVersion"),
            p.get("size", Number.class).longValue(),
            p.getString("sha256"),
            p.getString("md5"),
            p.getString("signature"),
            p.getString("signatureAlgorithm"));
    Document scope = d.get("scope", Document.class);
    Document abort = d.get("abort", Document.class);
    Number percent = scope.get("percent", Number.class);
    BatchSpec spec =
        new BatchSpec(
            BatchKind.valueOf(d.getString("kind")),
            pkg,
            d.getString("packageName"),
            d.getString("productKey"),
            d.getString("module"),
            d.getList("fromVersions", String.class),
            Strategy.valueOf(d.getString("strategy")),
            new Scope(
                ScopeType.valueOf(scope.getString("type")),
                scope.getList("deviceNames", String.class, List.of()),
                scope.getString("tag"),
                percent == null ? null : percent.doubleValue()),
            instant(d.getDate("startAt")),
            instant(d.getDate("endAt")),
            d.getInteger("ratePerMinute"),
            new RetryPolicy(
                d.getInteger("retries"),
                Duration.ofSeconds(d.get("retryIntervalSeconds", Number.class).longValue()),
                Duration.ofMinutes(d.get("timeoutMinutes", Number.class).longValue())),
            NotificationMode.valueOf(d.getString("mode")),
            abort == null
                ? null
                : new AbortRule(
                    abort.getInteger("failurePercent"),
                    abort.get("minFinished", Number.class).longValue()));
    Map<JobState, Long> counts = new EnumMap<>(JobState.class);
    d.get(COUNTS, new Document())
        .forEach((state, n) -> counts.put(JobState.valueOf(state), ((Number) n).longValue()));
    Map<String, Long> excluded = new LinkedHashMap<>();
    d.get(EXCLUDED, new Document())
        .forEach((why, n) -> excluded.put(why, ((Number) n).longValue()));
    return new Batch(
        d.getString("_id"),
        spec,
        d.getDate(CREATED_AT).toInstant(),
        BatchState.valueOf(d.getString(STATE)),
        instant(d.getDate("startedAt")),
        instant(d.getDate("finishedAt")),
        d.getString("reason"),
        new Batch.Progress(
            d.get(PLANNED, Number.class).longValue(),
            d.getBoolean(PLANNING_DONE, false),
            excluded,
            d.get(NEXT_SEQ, Number.class).longValue(),
            instant(d.getDate(RATE_TIME)),
            counts,
            d.get(PLAN_SEQ, Number.class).longValue()));
  }

  private static @Nullable Date date(@Nullable Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static @Nullable Instant instant(@Nullable Date date) {
    return date == null ? null : date.toInstant();
  }
}
