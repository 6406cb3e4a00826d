package io.upgradehub.notification.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a webhook message tells, and the {@code type} it carries on the wire. A notification
 * subscribes to some of them; new ones are added, never renamed.
 */
public enum MessageType {
  BATCH_STARTED("batch.started", "a verification or batch upgrade started"),
  BATCH_PAUSED("batch.paused", "an operator paused a batch"),
  BATCH_ABORTED("batch.paused-by-abort-rule", "the abort rule paused a batch: too many failures"),
  BATCH_RESUMED("batch.resumed", "a paused batch runs again"),
  BATCH_FINISHED("batch.finished", "every device of a batch ended"),
  BATCH_CANCELED("batch.canceled", "a batch was canceled"),
  DEVICE_SUCCEEDED("device.succeeded", "a device reached the target version"),
  DEVICE_FAILED("device.failed", "a device's upgrade attempt failed or timed out"),
  TRANSFER_ACCEPTED("transfer.accepted", "an operator accepted devices of a transferred-in batch"),
  TRANSFER_REJECTED("transfer.rejected", "an operator rejected devices of a transferred-in batch"),
  TRANSFER_DEVICE_SUCCEEDED(
      "transfer.device-succeeded", "a transferred-in device runs the target version"),
  TRANSFER_DEVICE_FAILED(
      "transfer.device-failed", "a transferred-in device's upgrade failed for good"),
  TRANSFER_DEVICE_CANCELED(
      "transfer.device-canceled", "a transferred-in device's upgrade was canceled"),
  TRANSFER_COMPLETED(
      "transfer.completed", "every device of a transferred-in batch was decided and ended"),
  TRANSFER_CANCELED("transfer.canceled", "a transferred-in batch was canceled");

  private final String wireName;
  private final String description;

  MessageType(String wireName, String description) {
    this.wireName = wireName;
    this.description = description;
  }

  /** The {@code type} in the message and in the API, e.g. {@code device.succeeded}. */
  public String wireName() {
    return wireName;
  }

  public String description() {
    return description;
  }

  /** The type of a wire name, or empty for one this version does not know. */
  public static Optional<MessageType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
  }
}
