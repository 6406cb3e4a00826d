package io.upgradehub.adapter.mqtt;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Whether the adapter's subscriber connections are connected to the broker and subscribed to the
 * device topics: each connection by its index, the adapter as a whole only when all of them are.
 */
@Component
class MqttConnectionState {

  private final Set<Integer> connected = ConcurrentHashMap.newKeySet();
  private final Set<Integer> subscribed = ConcurrentHashMap.newKeySet();
  private volatile int expected = 1;

  /** Starts afresh, expecting {@code connections} connections. */
  void expect(int connections) {
    reset();
    expected = connections;
  }

  void connected(int connection) {
    connected.add(connection);
  }

  void subscribed(int connection) {
    subscribed.add(connection);
  }

  /**
   * @return whether the connection was connected until now
   */
  boolean disconnected(int connection) {
    subscribed.remove(connection);
    return connected.remove(connection);
  }

  /** Every connection is gone. */
  void reset() {
    subscribed.clear();
    connected.clear();
  }

  boolean isConnected() {
    return connected.size() >= expected;
  }

  boolean isSubscribed() {
    return subscribed.size() >= expected;
  }

  /** {@code connected/expected}, for the health details. */
  String connections() {
    return connected.size() + "/" + expected;
  }
}
