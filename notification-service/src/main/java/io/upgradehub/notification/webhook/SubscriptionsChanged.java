package io.upgradehub.notification.webhook;

/**
 * A notification or an association changed: published in this service (a Spring application event)
 * so that what caches who wants which messages reads again.
 */
public record SubscriptionsChanged() {}
