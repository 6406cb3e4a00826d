package io.upgradehub.e2e;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.upgradehub.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The device-adapter learns a new product through Kafka and drops messages of products it does not
 * know yet: a probe device of the product says it is online until its event comes out.
 */
final class AdapterProbe {

  private AdapterProbe() {}

  /** Returns once the platform's adapter passes messages of {@code product}; fails after 60 s. */
  static void awaitKnows(Platform platform, String product) {
    String probe = product + "/probe";
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Mqtt5BlockingClient client =
        Mqtt5Client.builder()
            .identifier(probe)
            .serverHost("127.0.0.1")
            .serverPort(platform.mqttUri().getPort())
            .buildBlocking();
    client.connect();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("upgradehub.device-reports"));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
        client
            .publishWith()
            .topic("ota/v1/" + probe + "/status")
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(
                "{\"id\":\"probe-%d\",\"timestamp\":%d,\"online\":true}"
                    .formatted(attempt, System.currentTimeMillis())
                    .getBytes(StandardCharsets.UTF_8))
            .send();
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (probe.equals(record.key())) {
            return;
          }
        }
      }
    } finally {
      client.disconnect();
    }
    throw new AssertionError("the device-adapter never learnt product " + product);
  }
}
