package io.upgradehub.outbox;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** Kafka that refuses one topic until it recovers, as a broker that is down for it. */
final class FailingKafka extends KafkaTemplate<String, String> {

  private final String failing;
  private volatile boolean down = true;

  FailingKafka(OutboxFixture fixture, String failing) {
    super(fixture.kafka.getProducerFactory());
    this.failing = failing;
  }

  void recover() {
    down = false;
  }

  @Override
  public CompletableFuture<SendResult<String, String>> send(ProducerRecord<String, String> record) {
    if (down && record.topic().equals(failing)) {
      return CompletableFuture.failedFuture(new KafkaException("down for " + failing));
    }
    return super.send(record);
  }
}
