package io.upgradehub.bench;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Device traffic at a fixed rate, in the words of device protocol v1, for devices of one product
 * that are already known to the platform (the simulator's fleet connected them).
 *
 * <p>The devices take turns, one message each, so every device sends once every {@code devices /
 * rate} seconds. Each follows the messages of an upgrade (protocol §5): {@code progress} 1, 50 and
 * 100 of a job, {@code status} offline and online again (the restart into the new image), an {@code
 * inform} of the new version of module {@code default} (a change: upgrade log, version
 * distribution) and one of module {@code mcu}, unchanged; then the next upgrade. So 3 of 7 messages
 * are progress (which inventory-service leaves to campaign-service), 2 status and 2 inform.
 *
 * <p>{@link Phases#MIXED}: device {@code i} starts at step {@code i mod 7}, so every second carries
 * that mix, as a fleet of independent devices does. {@link Phases#LOCKSTEP}: all start at step 0,
 * so the whole fleet sends one kind of message at a time, a wave of {@code rate} per second for
 * {@code devices / rate} seconds each (say, every device of a batch reporting its new version at
 * once): the hardest case for the inventory, whose cost per message differs by kind.
 *
 * <p>The messages go out over a few MQTT connections of their own (the fleet's devices stay
 * connected meanwhile), each device always over the same one, so its messages keep their order.
 * Only messages the broker acknowledged (QoS 1) count as sent. Not thread-safe: {@link #run} from
 * one thread; the counters may be read from any.
 */
final class DeviceLoad implements AutoCloseable {

  /** Messages per upgrade cycle of one device, see the class comment. */
  static final int CYCLE = 7;

  /** Where in their cycle the devices start, see the class comment. */
  enum Phases {
    MIXED,
    LOCKSTEP
  }

  private final String productKey;
  private final List<String> devices;
  private final String runId;
  private final List<Mqtt5AsyncClient> connections = new ArrayList<>();
  private final int[] step;
  private final int[] upgrades;
  private final long[] connectedAt;
  private final AtomicLong progressSent = new AtomicLong();
  private final AtomicLong reportsSent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private long published;
  private long sequence;

  DeviceLoad(
      URI broker,
      String productKey,
      List<String> devices,
      int connections,
      String runId,
      Phases phases) {
    this.productKey = productKey;
    this.devices = devices;
    this.runId = runId;
    this.step = new int[devices.size()];
    this.upgrades = new int[devices.size()];
    this.connectedAt = new long[devices.size()];
    if (phases == Phases.MIXED) {
      Arrays.setAll(step, device -> device % CYCLE);
    }
    long now = System.currentTimeMillis();
    Arrays.fill(connectedAt, now);
    for (int i = 0; i < connections; i++) {
      Mqtt5AsyncClient client =
          Mqtt5Client.builder()
              .identifier("bench-load-" + runId + "-" + i)
              .serverHost(broker.getHost())
              .serverPort(broker.getPort())
              .buildAsync();
      client.connectWith().cleanStart(true).keepAlive(60).send().join();
      this.connections.add(client);
    }
  }

  /**
   * Publishes at {@code perSecond} until {@code nanos} passed, and returns; the broker's
   * acknowledgements of the last messages may still be on their way ({@link #inFlight()}).
   */
  void run(int perSecond, long nanos) {
    long start = System.nanoTime();
    long base = published;
    while (true) {
      long elapsed = Math.min(System.nanoTime() - start, nanos);
      long due = (long) (elapsed / 1e9 * perSecond);
      while (published - base < due) {
        publishNext();
      }
      if (elapsed >= nanos) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  /** Progress messages the broker acknowledged. */
  long progressSent() {
    return progressSent.get();
  }

  /** Status and inform messages the broker acknowledged: each one a report inventory applies. */
  long reportsSent() {
    return reportsSent.get();
  }

  /** Messages the broker acknowledged. */
  long sent() {
    return progressSent.get() + reportsSent.get();
  }

  /** Publishes that failed. */
  long failed() {
    return failed.get();
  }

  /** Messages published, not yet acknowledged by the broker nor failed. */
  long inFlight() {
    return published - sent() - failed();
  }

  private void publishNext() {
    int device = (int) (published % devices.size());
    long now = System.currentTimeMillis();
    String topic = "ota/v1/" + productKey + "/" + devices.get(device) + "/";
    String id = "\"id\":\"b-" + runId + "-" + Long.toString(++sequence, 36) + "\"";
    String job = "\"jobId\":\"job-" + devices.get(device) + "-" + upgrades[device] + "\"";
    boolean progress = false;
    String suffix;
    String payload;
    switch (step[device]) {
      case 0, 1, 2 -> {
        int[] steps = {1, 50, 100};
        suffix = "progress";
        payload =
            "{" + id + ",\"timestamp\":" + now + "," + job + ",\"step\":" + steps[step[device]];
        progress = true;
      }
      case 3 -> {
        // the restart: offline with the connection's time, online with the new one
        suffix = "status";
        payload = "{" + id + ",\"timestamp\":" + connectedAt[device] + ",\"online\":false";
      }
      case 4 -> {
        connectedAt[device] = now;
        suffix = "status";
        payload = "{" + id + ",\"timestamp\":" + now + ",\"online\":true";
      }
      case 5 -> {
        suffix = "inform";
        payload =
            "{"
                + id
                + ",\"timestamp\":"
                + now
                + ",\"module\":\"default\",\"version\":\"1.0."
                + (upgrades[device] + 1)
                + "\"";
      }
      default -> {
        suffix = "inform";
        payload = "{" + id + ",\"timestamp\":" + now + ",\"module\":\"mcu\",\"version\":\"1.0.0\"";
        upgrades[device]++;
      }
    }
    step[device] = (step[device] + 1) % CYCLE;
    boolean isProgress = progress;
    published++;
    connections
        .get(device % connections.size())
        .publishWith()
        .topic(topic + suffix)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload((payload + "}").getBytes(StandardCharsets.UTF_8))
        .send()
        .whenComplete(
            (result, error) -> {
              if (error != null || result.getError().isPresent()) {
                failed.incrementAndGet();
              } else if (isProgress) {
                progressSent.incrementAndGet();
              } else {
                reportsSent.incrementAndGet();
              }
            });
  }

  @Override
  public void close() {
    for (Mqtt5AsyncClient client : connections) {
      try {
        client.disconnect().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // gone already: nothing to close
      }
    }
  }
}
