package io.upgradehub.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One MQTT client subscribed with QoS 1 to every device's {@code upgrade} topic of a product, as
 * the devices would be: counts the commands the broker hands it, the distinct devices they were
 * for, and how many arrived in each second since {@link #startClock()}.
 */
final class CommandWatcher implements AutoCloseable {

  private static final int SECONDS = 3_600;

  private final Mqtt5AsyncClient client;
  private final AtomicLong received = new AtomicLong();
  private final Set<String> devices = ConcurrentHashMap.newKeySet();
  private final AtomicLongArray perSecond = new AtomicLongArray(SECONDS);
  private final AtomicLong first = new AtomicLong();
  private final AtomicLong last = new AtomicLong();
  private volatile long start = System.nanoTime();

  CommandWatcher(int brokerPort, String productKey) {
    client =
        Mqtt5Client.builder()
            .identifier("bench-watcher-" + System.nanoTime())
            .serverHost("127.0.0.1")
            .serverPort(brokerPort)
            .buildAsync();
    client
        .connectWith()
        .cleanStart(true)
        .restrictions()
        .receiveMaximum(65_535)
        .applyRestrictions()
        .send()
        .join();
    client
        .subscribeWith()
        .topicFilter("ota/v1/" + productKey + "/+/upgrade")
        .qos(MqttQos.AT_LEAST_ONCE)
        .callback(
            publish -> {
              long now = System.nanoTime();
              received.incrementAndGet();
              devices.add(publish.getTopic().toString());
              first.compareAndSet(0, now);
              last.set(now);
              int second = (int) ((now - start) / 1_000_000_000L);
              if (second >= 0 && second < SECONDS) {
                perSecond.incrementAndGet(second);
              }
            })
        .send()
        .join();
  }

  /** Seconds are counted from now on. */
  void startClock() {
    start = System.nanoTime();
  }

  long received() {
    return received.get();
  }

  long devices() {
    return devices.size();
  }

  /** When the first and the last command arrived, in nanoseconds after the clock's start. */
  long firstNanos() {
    return first.get() == 0 ? -1 : first.get() - start;
  }

  long lastNanos() {
    return last.get() == 0 ? -1 : last.get() - start;
  }

  /** The most commands that arrived in one second. */
  long bestSecond() {
    long best = 0;
    for (int i = 0; i < SECONDS; i++) {
      best = Math.max(best, perSecond.get(i));
    }
    return best;
  }

  /** Commands that arrived in second {@code second} since the clock's start. */
  long inSecond(int second) {
    return second < SECONDS ? perSecond.get(second) : 0;
  }

  @Override
  public void close() {
    client.disconnect();
  }
}
