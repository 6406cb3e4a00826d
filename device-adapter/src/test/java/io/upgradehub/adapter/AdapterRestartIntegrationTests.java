package io.upgradehub.adapter;

import static io.upgradehub.adapter.AdapterFixture.publish;
import static io.upgradehub.adapter.AdapterFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.DeviceVersionReported;
import io.upgradehub.testsupport.EmbeddedMqtt;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An adapter with a stable client id keeps its broker session: device messages that arrive while it
 * restarts wait in the broker and reach Kafka after it is back.
 */
class AdapterRestartIntegrationTests {

  private static final int EACH = 25;

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
  void losesNoDeviceMessageWhileTheAdapterRestarts() {
    broker = EmbeddedMqtt.start();
    String clientId = "--upgradehub.mqtt.client-id=adapter-restart-" + UUID.randomUUID();
    String persistent = "--upgradehub.mqtt.session-expiry=10m";
    String noCommands = "--spring.kafka.listener.auto-startup=false";
    // both incarnations in one group, as one instance restarting
    String group = "--upgradehub.mqtt.share-group=restart-" + UUID.randomUUID();
    adapter =
        AdapterFixture.start(broker, "http://127.0.0.1:9", clientId, persistent, noCommands, group);
    DeviceKey device =
        new DeviceKey("restart-" + UUID.randomUUID().toString().substring(0, 8), "dev-1");
    adapter.registerProduct(device.productKey());
    Mqtt5BlockingClient client =
        AdapterFixture.device5(broker, device.productKey(), device.deviceName());
    try {
      inform(client, device, 0, EACH);
      adapter.close();
      adapter = null;
      pause();
      // the broker holds these for the adapter's session
      inform(client, device, EACH, 2 * EACH);
      adapter =
          AdapterFixture.start(
              broker, "http://127.0.0.1:9", clientId, persistent, noCommands, group);
      inform(client, device, 2 * EACH, 3 * EACH);
    } finally {
      client.disconnect();
    }

    Set<String> expected =
        IntStream.range(0, 3 * EACH)
            .mapToObj(i -> device.eventId(DeviceVersionReported.TYPE, "m-" + i).toString())
            .collect(Collectors.toSet());
    List<String> published =
        adapter
            .reports(
                record -> device.value().equals(record.key()), 3 * EACH, Duration.ofSeconds(60))
            .stream()
            .map(record -> read(record).path("id").asString())
            .toList();
    assertThat(Set.copyOf(published)).isEqualTo(expected);
  }

  /** Lets the broker finish with the adapter's connection, so the test cannot race it. */
  private static void pause() {
    try {
      Thread.sleep(3_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void inform(Mqtt5BlockingClient client, DeviceKey device, int from, int to) {
    for (int i = from; i < to; i++) {
      publish(
          client,
          "ota/v1/" + device.value() + "/inform",
          "{\"id\":\"m-"
              + i
              + "\",\"timestamp\":"
              + System.currentTimeMillis()
              + ",\"version\":\"1."
              + i
              + "\"}");
    }
  }
}
