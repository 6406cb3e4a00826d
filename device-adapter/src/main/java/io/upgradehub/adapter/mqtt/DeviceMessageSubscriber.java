package io.upgradehub.adapter.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5SubscribeBuilder;
import io.upgradehub.adapter.ingest.DeviceMessageReader;
import io.upgradehub.adapter.ingest.IngestMetrics;
import io.upgradehub.adapter.ingest.Ingested;
import io.upgradehub.adapter.ingest.KnownProducts;
import io.upgradehub.adapter.ingest.MessageKind;
import io.upgradehub.adapter.publish.DeviceEventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads the devices' messages from the broker with one MQTT 5 shared subscription per message kind
 * and turns each into device events on Kafka.
 *
 * <p><b>Connections:</b> {@link MqttProperties#connections()} connections subscribe in the same
 * share group, each with its own client id ({@code <clientId>-<i>}, i from 1) and the configured
 * receive maximum, so one instance may hold that many times as many unacknowledged messages: a
 * broker bounds what one client may hold (Mosquitto's {@code max_inflight_messages}), and each
 * message waits for Kafka's acknowledgement, so the in-flight window bounds the rate. As between
 * instances, the broker may hand consecutive messages of one device to different connections: the
 * platform orders a device's reports by their timestamps (device-protocol.md, §6). The adapter is
 * ready when every connection is connected and subscribed.
 *
 * <p><b>Acknowledgement:</b> a valid message is acknowledged to the broker only once Kafka has
 * acknowledged all its events; a failed send is retried (with backoff) while the message stays
 * unacknowledged, so a crash loses no message this adapter acknowledged: the broker still holds the
 * others. With a stable client id the sessions are persistent ({@link
 * MqttProperties#sessionExpiry()}): after a restart the broker hands over again what was not
 * acknowledged, and what arrived meanwhile. A malformed message is counted, logged and acknowledged
 * at once (dropped).
 *
 * <p><b>Isolation:</b> reading never throws out of the client's callback and never waits for Kafka;
 * the broker's receive maximum bounds how many messages wait for Kafka at a time, per connection.
 *
 * <p><b>Reconnects:</b> each connection reconnects by itself with backoff and subscribes again on
 * every connect.
 */
@Component
class DeviceMessageSubscriber implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeviceMessageSubscriber.class);
  private static final String UNKNOWN_MESSAGE = "unknown";

  private final MqttProperties properties;
  private final DeviceMessageReader reader;
  private final DeviceEventPublisher publisher;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final MqttConnectionState state;
  private final List<String> clientIds;
  private final AtomicLong logWindow = new AtomicLong();
  private final AtomicInteger loggedInWindow = new AtomicInteger();
  private final AtomicInteger suppressedInWindow = new AtomicInteger();
  private volatile List<Mqtt5AsyncClient> clients = List.of();
  private volatile ExecutorService handlers;
  private volatile ScheduledExecutorService retries;
  private volatile boolean running;

  DeviceMessageSubscriber(
      MqttProperties properties,
      DeviceEventPublisher publisher,
      IngestMetrics metrics,
      Clock clock,
      MqttConnectionState state,
      KnownProducts products) {
    this.reader = new DeviceMessageReader(products);
    this.properties = properties;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
    this.state = state;
    String base =
        properties.clientId().isBlank()
            ? "upgradehub-adapter-" + UUID.randomUUID()
            : properties.clientId();
    this.clientIds =
        IntStream.rangeClosed(1, properties.connections()).mapToObj(i -> base + "-" + i).toList();
  }

  @Override
  public void start() {
    // after stop() the client may still hand over the end of its session: discard it quietly
    // (the broker keeps what was not acknowledged) instead of failing the client's flow
    handlers =
        new ThreadPoolExecutor(
            properties.handlerThreads(),
            properties.handlerThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemon("mqtt-ingest"),
            new ThreadPoolExecutor.DiscardPolicy());
    retries = Executors.newSingleThreadScheduledExecutor(daemon("mqtt-ingest-retry"));
    state.expect(clientIds.size());
    List<Mqtt5AsyncClient> started = new ArrayList<>();
    for (int connection = 0; connection < clientIds.size(); connection++) {
      started.add(client(connection));
    }
    clients = List.copyOf(started);
    running = true;
    for (Mqtt5AsyncClient async : started) {
      MqttClients.connect(
              async, properties, properties.receiveMaximum(), properties.persistentSession())
          .whenComplete(
              (connAck, failure) -> {
                if (failure != null) {
                  // the automatic reconnect keeps trying; the health indicator says DOWN meanwhile
                  log.warn(
                      "Cannot connect to the MQTT broker {} yet: {}",
                      properties.uri(),
                      failure.toString());
                }
              });
    }
  }

  private Mqtt5AsyncClient client(int connection) {
    String clientId = clientIds.get(connection);
    Mqtt5AsyncClient async =
        MqttClients.builder(properties, clientId)
            .addConnectedListener(context -> onConnected(connection))
            .addDisconnectedListener(
                context -> {
                  if (!running) {
                    // stopped: never come back, not even if the broker was away during stop()
                    context.getReconnector().reconnect(false);
                  }
                  if (state.disconnected(connection) && running) {
                    log.warn(
                        "Lost the MQTT broker {} ({}): {}; reconnecting",
                        properties.uri(),
                        clientId,
                        context.getCause().toString());
                  }
                })
            .buildAsync();
    // registered before connecting, so that nothing delivered on connect is missed
    // a resumed session delivers before this client subscribed again, which only ALL takes; with
    // a clean session SUBSCRIBED (with ALL, adapters were seen to stop taking messages in tests)
    async.publishes(
        properties.persistentSession()
            ? MqttGlobalPublishFilter.ALL
            : MqttGlobalPublishFilter.SUBSCRIBED,
        this::onMessage,
        handlers,
        true);
    return async;
  }

  /**
   * Subscribes on every (re)connect: a clean session starts without subscriptions, and subscribing
   * again to a resumed one changes nothing.
   */
  private void onConnected(int connection) {
    // connecting starts after every client is in the list
    Mqtt5AsyncClient client = clients.get(connection);
    state.connected(connection);
    log.info("Connected to the MQTT broker {} as {}", properties.uri(), clientIds.get(connection));
    Mqtt5SubscribeBuilder.Complete subscribe = null;
    for (MessageKind kind : MessageKind.values()) {
      String filter = "$share/" + properties.shareGroup() + "/ota/v1/+/+/" + kind.suffix();
      subscribe =
          (subscribe == null ? Mqtt5Subscribe.builder() : subscribe)
              .addSubscription()
              .topicFilter(filter)
              .qos(MqttQos.AT_LEAST_ONCE)
              .applySubscription();
    }
    Mqtt5Subscribe request = subscribe.build();
    client
        .subscribe(request)
        .whenComplete(
            (subAck, failure) -> {
              if (failure != null) {
                log.warn("Subscribing to the device topics failed: {}", failure.toString());
              } else if (subAck.getReasonCodes().stream().anyMatch(code -> code.isError())) {
                log.warn("The broker refused a device subscription: {}", subAck.getReasonCodes());
              } else {
                state.subscribed(connection);
                log.info(
                    "Subscribed to the device topics in group {} as {}",
                    properties.shareGroup(),
                    clientIds.get(connection));
              }
            });
  }

  /** The client's callback: reads, then acknowledges or hands to Kafka. Never throws. */
  private void onMessage(Mqtt5Publish publish) {
    Instant receivedAt = clock.instant();
    try {
      String topic = publish.getTopic().toString();
      Ingested ingested = reader.read(topic, publish.getPayloadAsBytes(), receivedAt);
      if (ingested instanceof Ingested.Rejected rejected) {
        metrics.received(rejected.message());
        metrics.rejected(rejected);
        logRejected(rejected);
        publish.acknowledge();
      } else if (ingested instanceof Ingested.Accepted accepted) {
        metrics.received(accepted.kind().suffix());
        if (accepted.timestampSubstituted()) {
          metrics.substituted(accepted.kind());
        }
        send(publish, accepted, 0);
      }
    } catch (RuntimeException e) {
      // a bug, not a device's fault: keep the message unacknowledged, it returns on reconnect
      metrics.received(UNKNOWN_MESSAGE);
      log.error("Failed to handle a device message on {}", publish.getTopic(), e);
    }
  }

  private void send(Mqtt5Publish publish, Ingested.Accepted accepted, int attempt) {
    if (!running) {
      return;
    }
    publisher
        .publish(accepted.events())
        .whenComplete(
            (done, failure) -> {
              if (failure == null) {
                publish.acknowledge();
                return;
              }
              Duration delay = retryDelay(attempt);
              log.warn(
                  "Kafka did not take the {} of {} ({}); retrying in {} ms",
                  accepted.kind().suffix(),
                  accepted.device(),
                  failure.toString(),
                  delay.toMillis());
              try {
                retries.schedule(
                    () -> send(publish, accepted, attempt + 1),
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
              } catch (RuntimeException stopped) {
                // shutting down: the message stays unacknowledged and the broker keeps it
              }
            });
  }

  private Duration retryDelay(int attempt) {
    Duration delay = properties.publishRetryDelay().multipliedBy(1L << Math.min(attempt, 16));
    return delay.compareTo(properties.publishRetryMaxDelay()) > 0
        ? properties.publishRetryMaxDelay()
        : delay;
  }

  /** WARN with the device's identity, at most {@code rejectLogsPerSecond} a second. */
  private void logRejected(Ingested.Rejected rejected) {
    long second = clock.millis() / 1000;
    long window = logWindow.get();
    if (window != second && logWindow.compareAndSet(window, second)) {
      loggedInWindow.set(0);
      int suppressed = suppressedInWindow.getAndSet(0);
      if (suppressed > 0) {
        log.warn("{} more rejected device message(s) not logged", suppressed);
      }
    }
    if (loggedInWindow.incrementAndGet() <= properties.rejectLogsPerSecond()) {
      log.warn(
          "Dropped a device message: device={} message={} reason={} ({})",
          rejected.identity(),
          rejected.message(),
          rejected.reason(),
          rejected.detail());
    } else {
      suppressedInWindow.incrementAndGet();
    }
  }

  @Override
  public void stop() {
    running = false;
    // one after the other, each within its own five seconds: a handful of connections
    for (Mqtt5AsyncClient current : clients) {
      MqttClients.disconnect(current);
    }
    state.reset();
    if (retries != null) {
      retries.shutdownNow();
    }
    if (handlers != null) {
      handlers.shutdown();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After Kafka's producer is up, before it goes: stopped first, started last. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 100;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
