package io.upgradehub.adapter.ingest;

/**
 * Why a device message was dropped: the {@code reason} tag of {@code
 * upgradehub_device_messages_rejected_total}, as listed in §3.4 of the device protocol.
 *
 * <p>{@code UNKNOWN_PRODUCT} and {@code UNKNOWN_MODULE} need the product list, which this adapter
 * does not keep yet; they are declared so that the metric's reasons are complete.
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
