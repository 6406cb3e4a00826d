package io.upgradehub.testsupport;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Apache Kafka broker in KRaft mode, in-process (spring-kafka-test). Requires
 * spring-kafka-test on the caller's classpath.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final EmbeddedKafkaKraftBroker broker;

  private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
    this.broker = broker;
  }

  /** Starts a single-node broker on a free port; topics are created on first use. */
  public static EmbeddedKafka start() {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1).kafkaPorts(0);
    broker.brokerProperties(
        Map.of(
            "auto.create.topics.enable", "true",
            "num.partitions", "3",
            "group.initial.rebalance.delay.ms", "0",
            "offsets.topic.num.partitions", "3"));
    broker.afterPropertiesSet();
    return new EmbeddedKafka(broker);
  }

  public String bootstrapServers() {
    return broker.getBrokersAsString();
  }

  @Override
  public void close() {
    broker.destroy();
  }
}
