package io.upgradehub.platform;

/** The pieces a {@link Platform} can run, in start order. */
public enum Component {
  /** A MongoDB-protocol server (mongo-java-server, H2 file backend), in-process. */
  MONGO("mongo", 27017),
  /** An S3-compatible server (S3Proxy on the file system), in-process. */
  S3("s3", 9000),
  /**
   * An MQTT broker (HiveMQ CE embedded), in-process; Mosquitto or any broker on the port is reused.
   */
  MQTT("mqtt", 1883),
  /** A real Kafka broker in KRaft mode, as a child JVM. */
  KAFKA("kafka", 9092),
  /** package-service from its Boot jar, as a child JVM. */
  PACKAGE_SERVICE("package-service", 8081),
  /** inventory-service from its Boot jar, as a child JVM. */
  INVENTORY_SERVICE("inventory-service", 8083),
  /** campaign-service from its Boot jar, as a child JVM. */
  CAMPAIGN_SERVICE("campaign-service", 8082),
  /** notification-service (webhooks) from its Boot jar, as a child JVM. */
  NOTIFICATION_SERVICE("notification-service", 8084),
  /** device-adapter from its Boot jar, as a child JVM. */
  DEVICE_ADAPTER("device-adapter", 8085),
  /** The gateway from its Boot jar, as a child JVM. */
  GATEWAY("gateway", 8080);

  private final String displayName;
  private final int defaultPort;

  Component(String displayName, int defaultPort) {
    this.displayName = displayName;
    this.defaultPort = defaultPort;
  }

  /** The name used in output and for log files ({@code logs/<name>.log}). */
  public String displayName() {
    return displayName;
  }

  /** The port of the one-command local run. */
  public int defaultPort() {
    return defaultPort;
  }
}
