package io.upgradehub.packages.catalog;

/** Whether a package replaces the whole firmware or patches given versions. */
public enum PackageType {
  /** A complete image; installs over any version unless from-versions restrict it. */
  FULL,
  /** A delta; installs only over one of its from-versions, which it must name. */
  DIFF
}
