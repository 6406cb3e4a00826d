package io.upgradehub.campaign.batch;

/** How a device learns of its job. */
public enum NotificationMode {
  /** The platform sends the upgrade command. */
  PUSH,
  /** The device gets the job when it asks (MQTT request or HTTP pull). */
  PULL
}
