package io.upgradehub.packages.catalog;

/** Where a package stands in verification; later states arrive with campaigns. */
public enum PackageStatus {
  /** Uploaded; no verification upgrade has run or been skipped yet. */
  UNVERIFIED
}
