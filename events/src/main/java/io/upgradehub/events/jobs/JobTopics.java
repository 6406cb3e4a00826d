package io.upgradehub.events.jobs;

/**
 * Kafka topics campaign-service publishes the life of its device upgrade jobs to (see {@code
 * docs/events.md}).
 *
 * <p>Keyed by the device, {@code DeviceKey.value()} ({@code productKey/deviceName}), which is also
 * the envelope's {@code subject}: every job event of one device stays in order on one partition,
 * the order its consumers rely on.
 */
public final class JobTopics {

  /**
   * Every state a device job enters ({@link JobStateChanged}). Published by campaign-service
   * ({@link #SOURCE}), keyed by device; inventory-service keeps upgrade counters and the upgrade
   * log from it.
   */
  public static final String JOB_EVENTS = "upgradehub.job-events";

  /** The service name carried in {@code EventEnvelope.source} of job events. */
  public static final String SOURCE = "campaign-service";

  /**
   * Partitions of {@link #JOB_EVENTS}, as many as the device topics: the most consumer instances
   * that can share it. Every service that produces or consumes the topic declares it with this
   * count, so whichever starts first creates it right.
   */
  public static final int PARTITIONS = 12;

  private JobTopics() {}
}
