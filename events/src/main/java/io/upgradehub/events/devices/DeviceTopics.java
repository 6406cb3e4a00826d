package io.upgradehub.events.devices;

/**
 * Kafka topics of the device protocol (see {@code docs/device-protocol.md}).
 *
 * <p>Both topics are keyed by the device, {@link DeviceKey#value()} ({@code
 * productKey/deviceName}), which is also the envelope's {@code subject}: everything about one
 * device stays in order on one partition.
 */
public final class DeviceTopics {

  /**
   * What devices said: connects, disconnects, versions, progress, pull requests. Published by
   * device-adapter ({@link #REPORTS_SOURCE}), keyed by device.
   */
  public static final String DEVICE_REPORTS = "upgradehub.device-reports";

  /** The service name carried in {@code EventEnvelope.source} of device reports. */
  public static final String REPORTS_SOURCE = "device-adapter";

  /**
   * What the platform tells devices: upgrade and cancel commands. Published by campaign-service
   * ({@link #COMMANDS_SOURCE}), consumed by device-adapter, keyed by device.
   */
  public static final String DEVICE_COMMANDS = "upgradehub.device-commands";

  /** The service name carried in {@code EventEnvelope.source} of device commands. */
  public static final String COMMANDS_SOURCE = "campaign-service";

  /**
   * Partitions of both topics: the most consumer instances that can share one. Every service that
   * produces or consumes a topic declares it with this count, so whichever starts first creates it
   * right: a topic created smaller and grown later is read by a running consumer group only after
   * its next metadata refresh (up to five minutes), and keys move to other partitions.
   */
  public static final int PARTITIONS = 12;

  private DeviceTopics() {}
}
