package io.upgradehub.outbox;

import io.upgradehub.events.EventEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an aggregate's pending events into outbox entries that are stored in the aggregate's own
 * document, in the same single-document write as the state change. Without multi-document
 * transactions this is what makes "state changed" and "event will be published" one fact.
 *
 * <p>An entry is {@code {id, type, at, json}}: {@code json} is the whole envelope, serialized once
 * here, so the relay sends exactly what was decided at write time.
 */
public class Outbox {

  /** The array field holding the pending entries in an aggregate's document. */
  public static final String FIELD = "outbox";

  private final JsonMapper json;
  private final String source;
  private final Semaphore written = new Semaphore(0);

  Outbox(JsonMapper json, OutboxSource source) {
    this.json = json;
    this.source = source.name();
  }

  /** Entries for {@code events} about the aggregate {@code subject}, in the order raised. */
  public List<Document> entries(String subject, Instant time, List<PendingEvent> events) {
    return events.stream()
        .map(
            event -> {
              String id = UUID.randomUUID().toString();
              var envelope =
                  new EventEnvelope<>(
                      id, event.type(), event.version(), source, time, subject, event.data());
              return new Document("id", id)
                  .append("type", event.type())
                  .append("version", event.version())
                  .append("at", java.util.Date.from(time))
                  .append("json", json.writeValueAsString(envelope));
            })
        .toList();
  }

  /**
   * Tells the relay that entries were written, so it publishes now rather than at its next poll.
   */
  public void written() {
    written.release();
  }

  /** Waits for {@link #written()} or the timeout; true when woken by a write. */
  boolean awaitWrite(long timeout, TimeUnit unit) throws InterruptedException {
    boolean woken = written.tryAcquire(timeout, unit);
    written.drainPermits();
    return woken;
  }
}
