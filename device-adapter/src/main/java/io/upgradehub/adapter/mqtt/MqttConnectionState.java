package io.upgradehub.adapter.mqtt;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/** Whether the adapter is connected to the broker and subscribed to the device topics. */
@Component
class MqttConnectionState {

  private final AtomicBoolean connected = new AtomicBoolean();
  private final AtomicBoolean subscribed = new AtomicBoolean();

  void connected() {
    connected.set(true);
  }

  void subscribed() {
    subscribed.set(true);
  }

  /**
   * @return whether the adapter was connected until now
   */
  boolean disconnected() {
    subscribed.set(false);
    return connected.getAndSet(false);
  }

  boolean isConnected() {
    return connected.get();
  }

  boolean isSubscribed() {
    return subscribed.get();
  }
}
