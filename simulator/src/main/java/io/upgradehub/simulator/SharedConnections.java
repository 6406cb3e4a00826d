package io.upgradehub.simulator;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A few MQTT connections that carry many devices each, as a gateway carries its sub-devices: for
 * fleets larger than the open-files limit lets one process (and the broker) hold a socket per
 * device. Each device keeps its own topics, message ids and job logic and is always on the same
 * connection, so its messages keep their order. What a device gives up is a session of its own: it
 * has no will, and a lost connection is re-opened once for all of its devices, with the broker
 * keeping the session (subscriptions and unacknowledged messages).
 */
final class SharedConnections {

  private static final long SESSION_EXPIRY_SECONDS = 86_400;

  private final List<Mqtt5AsyncClient> clients = new ArrayList<>();

  SharedConnections(Fleet fleet, int count) {
    Fleet.Settings settings = fleet.settings;
    for (int i = 0; i < count; i++) {
      clients.add(
          Mqtt5Client.builder()
              .identifier(settings.productKey() + "/" + settings.prefix() + fleet.runId + "-" + i)
              .serverHost(settings.broker().getHost())
              .serverPort(settings.broker().getPort())
              .executorConfig(fleet.executorConfig)
              .automaticReconnect()
              .initialDelay(settings.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS)
              .maxDelay(settings.reconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS)
              .applyAutomaticReconnect()
              .buildAsync());
    }
  }

  /** Connects every connection; completes when all are connected. */
  CompletableFuture<Void> open() {
    Mqtt5Connect connect =
        Mqtt5Connect.builder()
            .cleanStart(false)
            .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
            .keepAlive(60)
            .build();
    return CompletableFuture.allOf(
        clients.stream().map(client -> client.connect(connect)).toArray(CompletableFuture[]::new));
  }

  /** The connection that carries the device of this name, always the same one. */
  Mqtt5AsyncClient carrying(String deviceName) {
    return clients.get(Math.floorMod(deviceName.hashCode(), clients.size()));
  }

  /** Disconnects every connection (devices have said goodbye before); ends the sessions. */
  CompletableFuture<Void> close() {
    return CompletableFuture.allOf(
        clients.stream()
            .map(
                client ->
                    client
                        .disconnectWith()
                        .sessionExpiryInterval(0)
                        .send()
                        .handle((ignored, error) -> null))
            .toArray(CompletableFuture[]::new));
  }
}
