package io.upgradehub.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay, which publishes the events stored inside each aggregate's document.
 *
 * @param relayEnabled whether this instance publishes; off only to test recovery
 * @param pollInterval how long the relay sleeps when it found nothing; a write wakes it earlier
 * @param lease how long one instance owns a document's pending events before another may take them
 *     over (it crashed or stalled)
 * @param sendTimeout how long to wait for Kafka to acknowledge a batch
 */
@ConfigurationProperties("upgradehub.outbox")
public record OutboxProperties(
    @DefaultValue("true") boolean relayEnabled,
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("30s") Duration lease,
    @DefaultValue("30s") Duration sendTimeout) {}
