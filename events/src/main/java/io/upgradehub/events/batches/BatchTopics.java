package io.upgradehub.events.batches;

/**
 * The Kafka topic campaign-service publishes its batches' lives and the packages' verification
 * states to (see {@code docs/events.md}).
 *
 * <p>Keyed by the envelope's {@code subject}: the batch id for {@link BatchStateChanged}, the
 * package id for {@link VerificationChanged}, so the events of one batch, and the verification
 * states of one package, stay in order on one partition.
 */
public final class BatchTopics {

  /** Batch states and package verification states, published by campaign-service. */
  public static final String BATCH_EVENTS = "upgradehub.batch-events";

  /** The service name carried in {@code EventEnvelope.source}. */
  public static final String SOURCE = "campaign-service";

  /**
   * Partitions of {@link #BATCH_EVENTS}. Every service that produces or consumes it declares it
   * with this count, so whichever starts first creates it right.
   */
  public static final int PARTITIONS = 6;

  private BatchTopics() {}
}
