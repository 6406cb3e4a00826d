package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.batch.AbortRule;
import io.upgradehub.campaign.batch.NotificationMode;
import io.upgradehub.campaign.batch.UpgradeSettings;
import io.upgradehub.campaign.job.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Maps transfers to and from their MongoDB documents; a document never leaves this package. */
final class TransferDocuments {

  static final String STATUS = "status";
  static final String RECEIVING = "receiving";
  static final String COUNTS = "counts";
  static final String DECISIONS = "decisions";
  static final String PENDING_DECISION = "pendingDecision";
  static final String CANCELING = "canceling";
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";

  private TransferDocuments() {}

  static Document toDocument(Transfer t) {
    UpgradeSettings s = t.settings();
    Document settings =
        new Document("ratePerMinute", s.ratePerMinute())
            .append("retries", s.policy().retries())
            .append("retryIntervalSeconds", s.policy().interval().toSeconds())
            .append("timeoutMinutes", s.policy().timeout().toMinutes())
            .append("mode", s.mode().name());
    if (s.abort() != null) {
      settings
          .append("abortFailurePercent", s.abort().failurePercent())
          .append("abortMinFinished", s.abort().minFinished());
    }
    return new Document("_id", t.id())
        .append("source", t.source())
        .append("productKey", t.productKey())
        .append("productName", t.productName())
        .append("module", t.module())
        .append("startVersion", t.startVersion())
        .append("targetVersion", t.targetVersion())
        .append("packageId", t.packageId())
        .append("packageName", t.packageName())
        .append("settings", settings)
        .append(STATUS, t.status().name())
        .append("devices", t.devices())
        .append(COUNTS, counts(t.counts()))
        .append(DECISIONS, List.of())
        .append(CREATED_AT, Date.from(t.createdAt()))
        .append("createdBy", t.createdBy())
        .append(UPDATED_AT, Date.from(t.updatedAt()));
  }

  static Document counts(Map<TransferDeviceState, Long> counts) {
    Document d = new Document();
    counts.forEach((state, n) -> d.append(state.name(), n));
    return d;
  }

  static Document decision(Decision d) {
    return new Document("action", d.action())
        .append("all", d.all())
        .append("requested", d.requested())
        .append("changed", d.changed())
        .append("by", d.by())
        .append("at", Date.from(d.at()));
  }

  static Document pending(PendingDecision p) {
    return new Document("id", p.id())
        .append("action", p.action())
        .append("all", p.all())
        .append("requested", p.requested())
        .append("by", p.by())
        .append("at", Date.from(p.at()));
  }

  static PendingDecision pendingFrom(Document d) {
    return new PendingDecision(
        d.getString("id"),
        d.getString("action"),
        d.getBoolean("all", false),
        d.get("requested", Number.class).longValue(),
        d.getString("by"),
        d.getDate("at").toInstant());
  }

  static Transfer fromDocument(Document d) {
    Document s = d.get("settings", Document.class);
    Integer abortPercent = s.getInteger("abortFailurePercent");
    UpgradeSettings settings =
        new UpgradeSettings(
            s.getInteger("ratePerMinute"),
            new RetryPolicy(
                s.getInteger("retries"),
                Duration.ofSeconds(s.get("retryIntervalSeconds", Number.class).longValue()),
                Duration.ofMinutes(s.get("timeoutMinutes", Number.class).longValue())),
            NotificationMode.valueOf(s.getString("mode")),
            abortPercent == null
                ? null
                : new AbortRule(abortPercent, s.get("abortMinFinished", Number.class).longValue()));
    // the states stored; Transfer adds the others at 0
    Map<TransferDeviceState, Long> counts = new EnumMap<>(TransferDeviceState.class);
    d.get(COUNTS, Document.class)
        .forEach(
            (state, n) -> counts.put(TransferDeviceState.valueOf(state), ((Number) n).longValue()));
    List<Decision> decisions = new ArrayList<>();
    for (Document decision : d.getList(DECISIONS, Document.class, List.of())) {
      decisions.add(
          new Decision(
              decision.getString("action"),
              decision.getBoolean("all", false),
              decision.get("requested", Number.class).longValue(),
              decision.get("changed", Number.class).longValue(),
              decision.getString("by"),
              decision.getDate("at").toInstant()));
    }
    return new Transfer(
        d.getString("_id"),
        d.getString("source"),
        d.getString("productKey"),
        d.getString("productName"),
        d.getString("module"),
        d.getString("startVersion"),
        d.getString("targetVersion"),
        d.getString("packageId"),
        d.getString("packageName"),
        settings,
        TransferStatus.valueOf(d.getString(STATUS)),
        d.get("devices", Number.class).longValue(),
        counts,
        decisions,
        d.getDate(CREATED_AT).toInstant(),
        d.getString("createdBy"),
        d.getDate(UPDATED_AT).toInstant());
  }
}
