package io.upgradehub.adapter.mqtt;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code mqtt}: UP while every subscriber connection of the adapter is connected to the broker and
 * subscribed to the device topics. Part of the readiness group (application.yml), not of liveness:
 * a broker outage is not cured by restarting the adapter.
 */
@Component("mqtt")
class MqttHealthIndicator extends AbstractHealthIndicator {

  private final MqttConnectionState state;
  private final MqttProperties properties;

  MqttHealthIndicator(MqttConnectionState state, MqttProperties properties) {
    super("MQTT health check failed");
    this.state = state;
    this.properties = properties;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    boolean up = state.isConnected() && state.isSubscribed();
    (up ? builder.up() : builder.down())
        .withDetail("broker", properties.uri().toString())
        .withDetail("connected", state.isConnected())
        .withDetail("connections", state.connections())
        .withDetail("subscribed", state.isSubscribed());
  }
}
