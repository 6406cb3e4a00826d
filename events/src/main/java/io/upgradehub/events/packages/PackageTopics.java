package io.upgradehub.events.packages;

/** Kafka topics package-service publishes to. */
public final class PackageTopics {

  /** Every package event, keyed by package id. */
  public static final String PACKAGE_EVENTS = "upgradehub.package-events";

  /** The service name carried in {@code EventEnvelope.source}. */
  public static final String SOURCE = "package-service";

  /** Partitions of {@link #PACKAGE_EVENTS}. */
  public static final int PARTITIONS = 6;

  private PackageTopics() {}
}
