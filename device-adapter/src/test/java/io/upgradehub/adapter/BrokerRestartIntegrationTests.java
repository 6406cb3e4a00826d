package io.upgradehub.adapter;

import static io.upgradehub.adapter.AdapterFixture.publish;
import static io.upgradehub.adapter.AdapterFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away and comes back on the same port: the adapter reconnects and resubscribes.
 */
class BrokerRestartIntegrationTests {

  private EmbeddedMqtt broker;
  private AdapterFixture adapter;

  @AfterEach
  void stop() {
    if (adapter != null) {
      adapter.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void reconnectsAndResubscribesAfterTheBrokerRestarts() {
    broker = EmbeddedMqtt.start();
    adapter = AdapterFixture.start(broker);
    String product = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    adapter.registerProduct(product);
    DeviceKey device = new DeviceKey(product, "dev-1");
    inform(device, "before");
    assertThat(adapter.reports(ofDevice(device), 1, Duration.ofSeconds(30))).hasSize(1);

    int port = broker.port();
    broker.close();
    adapter.awaitReadiness(503);
    broker = EmbeddedMqtt.start(port);
    adapter.awaitReadiness(200);

    // the device repeats its message (same id) until it arrives, as a device unsure of it would
    Instant deadline = Instant.now().plusSeconds(30);
    List<ConsumerRecord<String, String>> after = List.of();
    while (after.isEmpty() && Instant.now().isBefore(deadline)) {
      inform(device, "after");
      after =
          adapter.reports(
              record ->
                  ofDevice(device).test(record)
                      && read(record).path("data").path("messageId").asString().equals("after"),
              1,
              Duration.ofSeconds(1));
    }
    assertThat(after).isNotEmpty();
    assertThat(after)
        .extracting(record -> read(record).path("id").asString())
        .containsOnly(device.eventId("device.version-reported", "after").toString());
  }

  private void inform(DeviceKey device, String id) {
    Mqtt5BlockingClient client =
        AdapterFixture.device5(broker, device.productKey(), device.deviceName());
    try {
      publish(
          client,
          "ota/v1/" + device.value() + "/inform",
          "{\"id\":\""
              + id
              + "\",\"timestamp\":"
              + System.currentTimeMillis()
              + ",\"version\":\"1.0\"}");
    } finally {
      client.disconnect();
    }
  }

  private static java.util.function.Predicate<ConsumerRecord<String, String>> ofDevice(
      DeviceKey device) {
    return record -> device.value().equals(record.key());
  }
}
