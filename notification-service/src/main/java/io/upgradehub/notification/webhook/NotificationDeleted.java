package io.upgradehub.notification.webhook;

/**
 * A notification was deleted: published in this service (a Spring application event) so that what
 * hangs on it, its associations, goes with it.
 */
public record NotificationDeleted(String notificationId) {}
