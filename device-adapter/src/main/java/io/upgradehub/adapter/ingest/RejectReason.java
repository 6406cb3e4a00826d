package io.upgradehub.adapter.ingest;

/**
 * Why a device message was dropped: the {@code reason} tag of {@code
 * upgradehub_device_messages_rejected_total}, as listed in §3.4 of the device protocol.
 */
public enum RejectReason {
  INVALID_TOPIC,
  TOO_LARGE,
  INVALID_JSON,
  MISSING_FIELD,
  INVALID_FIELD,
  IDENTITY_MISMATCH,
  UNKNOWN_PRODUCT,
  UNKNOWN_MODULE
}
