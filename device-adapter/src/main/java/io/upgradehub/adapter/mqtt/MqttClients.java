package io.upgradehub.adapter.mqtt;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The adapter's MQTT 5 connections, built one way: automatic reconnect with the configured backoff,
 * TLS for {@code ssl://}, the adapter's credentials. The subscriber and the command sender each
 * have their own connection, so that a flood of device messages never delays a command.
 */
final class MqttClients {

  private MqttClients() {}

  static Mqtt5ClientBuilder builder(MqttProperties properties, String clientId) {
    Mqtt5ClientBuilder builder =
        Mqtt5Client.builder()
            .identifier(clientId)
            .serverHost(properties.uri().getHost())
            .serverPort(properties.port())
            .automaticReconnect()
            .initialDelay(properties.reconnectInitialDelay().toMillis(), TimeUnit.MILLISECONDS)
            .maxDelay(properties.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS)
            .applyAutomaticReconnect();
    return "ssl".equals(properties.uri().getScheme()) ? builder.sslWithDefaultConfig() : builder;
  }

  /**
   * Connects.
   *
   * @param receiveMaximum how many QoS 1 messages the broker may hand over before they are
   *     acknowledged
   * @param persistent whether to resume the session the broker kept (and keep this one for {@link
   *     MqttProperties#sessionExpiry()}), or start clean
   */
  static CompletableFuture<Mqtt5ConnAck> connect(
      Mqtt5AsyncClient client, MqttProperties properties, int receiveMaximum, boolean persistent) {
    var connect =
        client
            .connectWith()
            .cleanStart(!persistent)
            .sessionExpiryInterval(persistent ? properties.sessionExpiry().toSeconds() : 0)
            .keepAlive((int) properties.keepAlive().toSeconds())
            .restrictions()
            .receiveMaximum(receiveMaximum)
            .applyRestrictions();
    if (!properties.username().isBlank()) {
      connect =
          connect
              .simpleAuth()
              .username(properties.username())
              .password(properties.password().getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth();
    }
    return connect.send();
  }

  /** Disconnects within five seconds, quietly when the broker is already gone. */
  static void disconnect(Mqtt5AsyncClient client) {
    try {
      client.disconnect().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // not connected, or the broker is gone: nothing to close cleanly
    }
  }
}
