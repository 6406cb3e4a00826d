package io.upgradehub.adapter.mqtt;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.upgradehub.events.devices.DeviceKey;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes the platform's messages to devices ({@code upgrade}, {@code cancel}) on a connection of
 * its own: QoS 1, never retained (§1 of the device protocol). While the broker is away the client
 * reconnects by itself; a send then fails after {@link MqttProperties#publishTimeout()} and the
 * caller retries it.
 */
@Component
public class DeviceCommandSender implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeviceCommandSender.class);

  private final MqttProperties properties;
  private final String clientId;
  private volatile Mqtt5AsyncClient client;
  private volatile boolean running;

  DeviceCommandSender(MqttProperties properties) {
    this.properties = properties;
    this.clientId =
        (properties.clientId().isBlank()
                ? "upgradehub-adapter-" + UUID.randomUUID()
                : properties.clientId())
            + "-commands";
  }

  /**
   * Publishes {@code payload} to {@code ota/v1/{productKey}/{deviceName}/{suffix}}.
   *
   * @return completes when the broker acknowledged it (then it is the broker's to deliver, also to
   *     a device that is briefly offline with a persistent session), or exceptionally when the
   *     broker refused it, is unreachable, or did not answer in time; never throws itself
   */
  public CompletableFuture<Void> send(DeviceKey device, String suffix, byte[] payload) {
    Mqtt5AsyncClient current = client;
    if (current == null || !running) {
      return CompletableFuture.failedFuture(new IllegalStateException("not started"));
    }
    String topic = "ota/v1/" + device.productKey() + "/" + device.deviceName() + "/" + suffix;
    try {
      return current
          .publishWith()
          .topic(topic)
          .qos(MqttQos.AT_LEAST_ONCE)
          .retain(false)
          .contentType("application/json")
          .payload(payload)
          .send()
          .orTimeout(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
          .thenAccept(DeviceCommandSender::checkAcknowledged);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static void checkAcknowledged(Mqtt5PublishResult result) {
    if (result.getError().isPresent()) {
      throw new IllegalStateException(
          "the broker did not take the message", result.getError().get());
    }
    if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1
        && qos1.getPubAck().getReasonCode().isError()) {
      throw new IllegalStateException(
          "the broker refused the message: " + qos1.getPubAck().getReasonCode());
    }
  }

  @Override
  public void start() {
    Mqtt5AsyncClient async = MqttClients.builder(properties, clientId).buildAsync();
    client = async;
    running = true;
    // clean: this connection subscribes to nothing, so its session would hold nothing
    MqttClients.connect(async, properties, properties.receiveMaximum(), false)
        .whenComplete(
            (connAck, failure) -> {
              if (failure != null) {
                log.warn(
                    "Cannot connect the command sender to the MQTT broker {} yet: {}",
                    properties.uri(),
                    failure.toString());
              }
            });
  }

  @Override
  public void stop() {
    running = false;
    Mqtt5AsyncClient current = client;
    if (current != null) {
      MqttClients.disconnect(current);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Started before the Kafka listeners that feed it, stopped after them. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 200;
  }
}
