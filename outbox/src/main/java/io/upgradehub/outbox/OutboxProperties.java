package io.upgradehub.outbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay, which publishes the events stored inside each aggregate's document.
 *
 * @param relayEnabled whether this instance publishes; off only to test recovery
 * @param pollInterval how long the relay pauses after a failure, and how often it sweeps unless
 *     {@code sweepInterval} is set
 * @param lease how long one instance owns a document's pending events before another may take them
 *     over (it crashed or stalled)
 * @param sendTimeout how long to wait for Kafka to acknowledge a batch
 * @param sweepInterval how often the relay scans the source collections for documents with entries
 *     that nobody named to it (their writer crashed or runs elsewhere); such a periodic sweep takes
 *     only entries at least this old, as newer ones are on their way by a hint. {@code null}: the
 *     poll interval, as before there were hints. A service that names its documents ({@link
 *     Outbox#written(OutboxSource, java.util.Collection)}) into large collections sets it long
 *     (each sweep scans on the embedded server)
 * @param hintCapacity how many named documents may wait for the relay; beyond, hints are dropped
 *     (counted) and the sweep finds those documents
 */
@ConfigurationProperties("upgradehub.outbox")
public record OutboxProperties(
    @DefaultValue("true") boolean relayEnabled,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("30s") Duration lease,
    @DefaultValue("30s") Duration sendTimeout,
    @Nullable Duration sweepInterval,
    @DefaultValue("100000") int hintCapacity) {

  /** How often the relay sweeps: {@code sweepInterval}, or the poll interval when it is unset. */
  public Duration sweepEvery() {
    return sweepInterval != null ? sweepInterval : pollInterval;
  }
}
