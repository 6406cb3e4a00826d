package io.upgradehub.campaign.batch;

/** Which devices a batch takes. */
public enum Strategy {
  /** The devices that match when the batch is planned; the batch never grows. */
  STATIC,
  /** Also the devices that report a from-version later, while the batch is active. */
  DYNAMIC
}
