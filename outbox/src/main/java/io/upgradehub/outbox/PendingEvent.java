package io.upgradehub.outbox;

/**
 * An event an aggregate raised and that must be published with its state change.
 *
 * @param type the logical event type, e.g. {@code package.created}
 * @param version the schema version of {@code data}
 * @param data the event record from the {@code events} module
 */
public record PendingEvent(String type, int version, Object data) {}
