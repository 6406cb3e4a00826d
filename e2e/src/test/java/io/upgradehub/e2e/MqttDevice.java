package io.upgradehub.e2e;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.upgradehub.platform.Platform;
import java.nio.charset.StandardCharsets;

/** A device as the tests play it: a real MQTT client on the platform's broker, protocol v1. */
final class MqttDevice {

  private MqttDevice() {}

  /** Connects as {@code productKey/deviceName}, the client id devices use. */
  static Mqtt5BlockingClient connect(Platform platform, String product, String device) {
    Mqtt5BlockingClient client =
        Mqtt5Client.builder()
            .identifier(product + "/" + device)
            .serverHost("127.0.0.1")
            .serverPort(platform.mqttUri().getPort())
            .buildBlocking();
    client.connect();
    return client;
  }

  /**
   * Publishes an {@code inform} with QoS 1; returns once the MQTT broker acknowledged it (not the
   * adapter).
   */
  static void inform(
      Mqtt5BlockingClient client,
      String product,
      String device,
      String messageId,
      String module,
      String version) {
    String payload =
        "{\"id\":\"%s\",\"timestamp\":%d,\"module\":\"%s\",\"version\":\"%s\"}"
            .formatted(messageId, System.currentTimeMillis(), module, version);
    client
        .publishWith()
        .topic("ota/v1/" + product + "/" + device + "/inform")
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload.getBytes(StandardCharsets.UTF_8))
        .send();
  }
}
