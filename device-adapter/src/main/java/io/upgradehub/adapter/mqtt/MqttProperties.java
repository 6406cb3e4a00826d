package io.upgradehub.adapter.mqtt;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The adapter's MQTT 5 connection to the devices' broker.
 *
 * @param uri the broker: {@code tcp://host:port}, or {@code ssl://host:port} for TLS with the JVM's
 *     trust store
 * @param clientId this instance's MQTT client id; blank makes a random {@code upgradehub-adapter-…}
 *     one. Each instance needs its own, and a stable one (the same after a restart) to resume its
 *     sessions. The subscriber connections use {@code <clientId>-1} … {@code <clientId>-<n>}
 * @param sessionExpiry how long the broker keeps this instance's session (its subscriptions, the
 *     messages handed over but not acknowledged, and those arriving meanwhile) while it is away: an
 *     instance restarted within it gets them all. Only with a configured {@code clientId}; zero (or
 *     a random id) starts clean every time
 * @param username the adapter's broker user; blank connects without credentials
 * @param password the adapter's broker password; used only with a username
 * @param shareGroup the shared-subscription group: instances of one group split the devices'
 *     messages ({@code $share/{shareGroup}/ota/v1/+/+/…})
 * @param keepAlive the MQTT keep-alive
 * @param connections how many connections subscribe to the device topics, in the same share group:
 *     a broker bounds the unacknowledged messages one client may hold (Mosquitto: {@code
 *     max_inflight_messages}, 20 by default) and each waits for Kafka's acknowledgement, so more
 *     connections let one instance take more messages per second. Lowering it leaves the sessions
 *     of the connections no longer used, with what they held, until they expire
 * @param receiveMaximum how many device messages the broker may hand one subscriber connection
 *     before it acknowledged them: times {@code connections}, the bound on messages waiting for
 *     Kafka, hence on memory
 * @param handlerThreads threads that read and validate messages and hand them to Kafka
 * @param reconnectInitialDelay first wait before reconnecting after the connection dropped
 * @param reconnectMaxDelay longest wait between reconnect attempts (the wait doubles up to it)
 * @param publishRetryDelay first wait before sending a message's events to Kafka again after a
 *     failed send; the message stays unacknowledged meanwhile
 * @param publishRetryMaxDelay longest wait between such retries (the wait doubles up to it)
 * @param publishTimeout how long a command sent to a device may wait for the broker's
 *     acknowledgement (also while reconnecting) before the send counts as failed and is retried
 * @param rejectLogsPerSecond at most this many rejected messages are logged at WARN per second; the
 *     others are only counted (the metric counts every one), and the log says how many were left
 *     out
 */
@ConfigurationProperties("upgradehub.mqtt")
public record MqttProperties(
    @DefaultValue("tcp://127.0.0.1:1883") URI uri,
    @DefaultValue("") String clientId,
    @DefaultValue("0s") Duration sessionExpiry,
    @DefaultValue("") String username,
    @DefaultValue("") String password,
    @DefaultValue("upgradehub-adapter") String shareGroup,
    @DefaultValue("60s") Duration keepAlive,
    @DefaultValue("1") int connections,
    @DefaultValue("1000") int receiveMaximum,
    @DefaultValue("2") int handlerThreads,
    @DefaultValue("500ms") Duration reconnectInitialDelay,
    @DefaultValue("10s") Duration reconnectMaxDelay,
    @DefaultValue("500ms") Duration publishRetryDelay,
    @DefaultValue("30s") Duration publishRetryMaxDelay,
    @DefaultValue("20") int rejectLogsPerSecond,
    @DefaultValue("10s") Duration publishTimeout) {

  public MqttProperties {
    if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
      throw new IllegalArgumentException("upgradehub.mqtt.uri must be tcp://… or ssl://…: " + uri);
    }
    if (connections < 1 || connections > 64) {
      throw new IllegalArgumentException("upgradehub.mqtt.connections must be 1..64");
    }
    if (receiveMaximum < 1 || receiveMaximum > 65_535) {
      throw new IllegalArgumentException("upgradehub.mqtt.receive-maximum must be 1..65535");
    }
    if (handlerThreads < 1) {
      throw new IllegalArgumentException("upgradehub.mqtt.handler-threads must be at least 1");
    }
  }

  /** Whether the broker keeps this instance's sessions while it is away. */
  boolean persistentSession() {
    return !clientId.isBlank() && !sessionExpiry.isZero() && !sessionExpiry.isNegative();
  }

  /** The port of {@link #uri()}, or the protocol's default for its scheme. */
  int port() {
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "ssl".equals(uri.getScheme()) ? 8883 : 1883;
  }
}
