package io.upgradehub.campaign.batch;

/** Which of the product's devices a batch upgrade considers. */
public enum ScopeType {
  /** Every device of the product. */
  ALL,
  /** The devices named in the request. */
  DEVICES,
  /** The devices carrying a tag. */
  GROUP,
  /** A share (percentage) of the product's devices, for a grey release. */
  SHARE
}
