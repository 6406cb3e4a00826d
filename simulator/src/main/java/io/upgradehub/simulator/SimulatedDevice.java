package io.upgradehub.simulator;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientConnectedContext;
import com.hivemq.client.mqtt.mqtt5.lifecycle.Mqtt5ClientReconnector;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated device: its MQTT connection, its module versions and its upgrade jobs. State
 * changes happen under the device's monitor, from the MQTT callbacks, the fleet's scheduler and its
 * download threads.
 *
 * <p>Connections follow protocol §1: Clean Start 0 with a Session Expiry Interval of 86,400 s, a
 * will carrying the connection's timestamp. A connection the device did not close is re-opened with
 * exponential backoff and jitter; every (re)connect publishes {@code status} online and one {@code
 * inform} per module again, and optionally one {@code request} per module. On the fleet's {@link
 * SharedConnections} a device has none of this: it subscribes on its connection and reports once.
 */
final class SimulatedDevice {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int REMEMBERED_COMMANDS = 16;
  private static final long SESSION_EXPIRY_SECONDS = 86_400;
  private static final long REQUEST_INTERVAL_MILLIS = 60_000; // §4.4: once a minute per module

  private final Fleet fleet;
  private final String name;
  private final boolean silent;
  private final Random random;
  private final String topic;
  private final Map<String, String> versions;
  private final Map<String, Job> jobs = new HashMap<>();
  private final Map<String, Long> lastRequests = new HashMap<>();
  private final Deque<String> seenCommandIds = new ArrayDeque<>();
  private Mqtt5AsyncClient client;
  private long connectedAt;
  private long sequence;
  private boolean everConnected;
  private volatile boolean online;

  SimulatedDevice(
      Fleet fleet, String name, Map<String, String> versions, boolean silent, long seed) {
    this.fleet = fleet;
    this.name = name;
    this.silent = silent;
    this.random = new Random(seed);
    this.topic = "ota/v1/" + fleet.settings.productKey() + "/" + name + "/";
    this.versions = new LinkedHashMap<>(versions);
  }

  String name() {
    return name;
  }

  /** The versions the device runs now, by module. */
  synchronized Map<String, String> versions() {
    return Map.copyOf(versions);
  }

  /**
   * Opens the device's connection; the connected listener then subscribes and reports. When the
   * connection fails or drops, the disconnected listener reconnects.
   */
  void connect() {
    if (fleet.shared != null) {
      joinSharedConnection();
      return;
    }
    String identity = fleet.settings.productKey() + "/" + name;
    long timestamp;
    synchronized (this) {
      connectedAt = System.currentTimeMillis();
      timestamp = connectedAt;
    }
    client =
        Mqtt5Client.builder()
            .identifier(identity)
            .serverHost(fleet.settings.broker().getHost())
            .serverPort(fleet.settings.broker().getPort())
            .executorConfig(fleet.executorConfig)
            .simpleAuth()
            .username(identity)
            .applySimpleAuth()
            .addConnectedListener(
                context ->
                    onConnected(
                        ((Mqtt5ClientConnectedContext) context).getConnAck().isSessionPresent()))
            .addDisconnectedListener(this::onDisconnected)
            .buildAsync();
    // commands the broker queued for an earlier session arrive before the subscription's own
    // callback exists; they land here (the client drops global callbacks when a session ends,
    // and by then every command has a subscription callback)
    client.publishes(MqttGlobalPublishFilter.REMAINING, this::onCommand);
    client.connect(connectMessage(timestamp));
  }

  /**
   * On a connection of the fleet's {@link SharedConnections}: subscribes to the device's topics
   * there and reports as after a connect of its own.
   */
  private void joinSharedConnection() {
    synchronized (this) {
      connectedAt = System.currentTimeMillis();
      everConnected = true;
    }
    client = fleet.shared.carrying(name);
    whenSubscribed(subscribe());
  }

  /** Clean Start 0, session expiry 86,400 s, and a will carrying this connection's timestamp. */
  private Mqtt5Connect connectMessage(long timestamp) {
    String willId = "will-" + fleet.runId + "-" + Long.toString(timestamp, 36);
    return Mqtt5Connect.builder()
        .cleanStart(false)
        .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
        .keepAlive(60)
        .willPublish(
            Mqtt5Publish.builder()
                .topic(topic + "status")
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(status(willId, timestamp, false))
                .asWill()
                .build())
        .build();
  }

  private void onConnected(boolean sessionPresent) {
    if (fleet.closed()) {
      client.disconnect(); // a reconnect that was already scheduled when the fleet closed
      return;
    }
    boolean reconnect;
    synchronized (this) {
      reconnect = everConnected;
      everConnected = true;
    }
    if (reconnect) {
      fleet.counters.reconnects.incrementAndGet();
    }
    // A session the broker kept after a reconnect still has the subscriptions, and the client
    // its callbacks. Otherwise (first connect, or the broker lost the session, which also ends
    // the client's callbacks) subscribe with a fresh callback.
    whenSubscribed(
        sessionPresent && reconnect ? CompletableFuture.completedFuture(null) : subscribe());
  }

  private CompletableFuture<?> subscribe() {
    return client.subscribe(
        Mqtt5Subscribe.builder()
            .addSubscription()
            .topicFilter(topic + "upgrade")
            .qos(MqttQos.AT_LEAST_ONCE)
            .applySubscription()
            .addSubscription()
            .topicFilter(topic + "cancel")
            .qos(MqttQos.AT_LEAST_ONCE)
            .applySubscription()
            .build(),
        this::onCommand);
  }

  /** Once subscribed: online, and the reports of a connect. */
  private void whenSubscribed(CompletableFuture<?> subscribed) {
    subscribed.whenComplete(
        (subAck, error) -> {
          if (error != null) {
            fleet.counters.connectFailures.incrementAndGet();
            return;
          }
          synchronized (this) {
            if (online) {
              return;
            }
            online = true;
            fleet.counters.connected.incrementAndGet();
          }
          reportAfterConnect();
        });
  }

  /** §4.1, §4.2, §4.4: status online, one inform per module, optionally one request each. */
  private void reportAfterConnect() {
    long timestamp;
    Map<String, String> snapshot;
    Map<String, String> toRequest = new LinkedHashMap<>();
    synchronized (this) {
      timestamp = connectedAt;
      snapshot = new LinkedHashMap<>(versions);
      if (fleet.settings.requestOnConnect()) {
        long now = System.currentTimeMillis();
        snapshot.forEach(
            (module, version) -> {
              Long last = lastRequests.get(module);
              if (last == null || now - last >= REQUEST_INTERVAL_MILLIS) {
                lastRequests.put(module, now);
                toRequest.put(module, version);
              }
            });
      }
    }
    publish("status", status(nextId(), timestamp, true));
    snapshot.forEach(this::inform);
    toRequest.forEach(this::request);
  }

  private void onDisconnected(MqttClientDisconnectedContext context) {
    boolean wasOnline = markOffline();
    if (context.getSource() == MqttDisconnectSource.USER || fleet.closed()) {
      return; // closed on purpose
    }
    if (!wasOnline) {
      fleet.counters.connectFailures.incrementAndGet(); // an attempt that did not get through
    }
    long delay = backoffMillis(context.getReconnector().getAttempts());
    long timestamp = System.currentTimeMillis() + delay;
    synchronized (this) {
      connectedAt = timestamp;
    }
    ((Mqtt5ClientReconnector) context.getReconnector())
        .reconnect(true)
        .resubscribeIfSessionExpired(false) // onConnected subscribes before the status
        .republishIfSessionExpired(true) // at least once (§3.2), also after a lost session
        .delay(delay, TimeUnit.MILLISECONDS)
        .connect(connectMessage(timestamp));
  }

  /** Exponential from the initial delay up to the maximum, then "equal jitter": half to all. */
  private long backoffMillis(int attempts) {
    long initial = fleet.settings.reconnectDelay().toMillis();
    long max = Math.max(initial, fleet.settings.reconnectMaxDelay().toMillis());
    long base = attempts >= 30 ? max : Math.min(max, initial << attempts);
    return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
  }

  private synchronized boolean markOffline() {
    if (!online) {
      return false;
    }
    online = false;
    fleet.counters.connected.decrementAndGet();
    return true;
  }

  /**
   * Publishes status offline with the connection's timestamp, then disconnects cleanly; a device
   * waiting to reconnect just stops trying.
   */
  CompletableFuture<Void> disconnect() {
    if (client == null) {
      return CompletableFuture.completedFuture(null);
    }
    long timestamp;
    synchronized (this) {
      jobs.values().forEach(Job::abandon);
      jobs.clear();
      timestamp = connectedAt;
    }
    boolean shared = fleet.shared != null; // the fleet closes the connection itself
    if (!markOffline()) {
      return shared
          ? CompletableFuture.completedFuture(null)
          : client.disconnect().handle((ignored, error) -> null);
    }
    CompletableFuture<?> goodbye =
        publish("status", status(nextId(), timestamp, false)).handle((ack, error) -> null);
    return shared
        ? goodbye.thenRun(() -> {})
        : goodbye.thenCompose(ignored -> client.disconnect()).handle((ignored, error) -> null);
  }

  private void onCommand(Mqtt5Publish publish) {
    fleet.counters.received.incrementAndGet();
    if (silent) {
      return;
    }
    String suffix = publish.getTopic().getLevels().get(publish.getTopic().getLevels().size() - 1);
    JsonNode command;
    try {
      command = JSON.readTree(publish.getPayloadAsBytes());
    } catch (RuntimeException e) {
      return; // a device ignores what it cannot read
    }
    String id = command.path("id").asString(null);
    synchronized (this) {
      if (id != null) {
        if (seenCommandIds.contains(id)) {
          return; // a repeated message (§3.2): handled once
        }
        seenCommandIds.addLast(id);
        if (seenCommandIds.size() > REMEMBERED_COMMANDS) {
          seenCommandIds.removeFirst();
        }
      }
      if ("upgrade".equals(suffix)) {
        onUpgrade(command);
      } else if ("cancel".equals(suffix)) {
        onCancel(command);
      }
    }
  }

  // under the monitor
  private void onUpgrade(JsonNode command) {
    String jobId = command.path("jobId").asString(null);
    if (jobId == null) {
      return;
    }
    String module = command.path("module").asString("default");
    String target = command.path("targetVersion").asString(null);
    if (target == null || !versions.containsKey(module)) {
      progress(jobId, -4, target == null ? "no targetVersion" : "unknown module " + module);
      return;
    }
    Job current = jobs.get(module);
    if (current != null && current.jobId.equals(jobId)) {
      current.renew(command); // §5.3, §5.4: the job goes on, with the new URL
      return;
    }
    if (target.equals(versions.get(module))) {
      inform(module, target); // already runs it
      return;
    }
    if (current != null) {
      if (current.installing) {
        progress(jobId, -4, "busy installing job " + current.jobId);
        return;
      }
      current.abandon(); // a new job for the module ends the old one (§5.3)
    }
    Job job = new Job(jobId, module, target, command, failureCode());
    jobs.put(module, job);
    job.later(latencyMillis(), job::begin);
  }

  // under the monitor
  private void onCancel(JsonNode command) {
    String jobId = command.path("jobId").asString(null);
    for (Job job : jobs.values()) {
      if (job.jobId.equals(jobId)) {
        if (!job.installing) { // once installing, the job finishes (§4.6)
          job.abandon();
          jobs.remove(job.module);
          fleet.counters.cancelled.incrementAndGet();
        }
        return;
      }
    }
  }

  /** The failure code this upgrade will end with, or 0 for success, by the configured rates. */
  private int failureCode() {
    double draw = random.nextDouble();
    double cumulative = 0;
    for (int code : Fleet.FAILURE_CODES) {
      cumulative += fleet.settings.failureRates().getOrDefault(code, 0.0);
      if (draw < cumulative) {
        return code;
      }
    }
    return 0;
  }

  /** The configured latency with ±50 % jitter, so that a fleet does not answer in lockstep. */
  private long latencyMillis() {
    long latency = fleet.settings.latency().toMillis();
    return latency == 0 ? 0 : latency / 2 + random.nextLong(latency + 1);
  }

  private void inform(String module, String version) {
    Map<String, Object> message = message();
    message.put("module", module);
    message.put("version", version);
    publish("inform", JSON.writeValueAsBytes(message));
  }

  private void request(String module, String version) {
    Map<String, Object> message = message();
    message.put("module", module);
    message.put("version", version);
    fleet.counters.requests.incrementAndGet();
    publish("request", JSON.writeValueAsBytes(message));
  }

  private void progress(String jobId, int step, String desc) {
    Map<String, Object> message = message();
    message.put("jobId", jobId);
    message.put("step", step);
    if (desc != null) {
      message.put("desc", desc.length() > 256 ? desc.substring(0, 256) : desc);
    }
    publish("progress", JSON.writeValueAsBytes(message));
  }

  private Map<String, Object> message() {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("id", nextId());
    message.put("timestamp", System.currentTimeMillis());
    return message;
  }

  private static byte[] status(String id, long timestamp, boolean online) {
    return ("{\"id\":\"" + id + "\",\"timestamp\":" + timestamp + ",\"online\":" + online + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Unique per device: the fleet's run id and a sequence number (§3.2). */
  private synchronized String nextId() {
    return fleet.runId + "-" + (++sequence);
  }

  /**
   * QoS 1. While the connection is down the client keeps the message and sends it after the
   * reconnect.
   */
  private CompletableFuture<?> publish(String suffix, byte[] payload) {
    return client
        .publishWith()
        .topic(topic + suffix)
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload)
        .send()
        .whenComplete(
            (result, error) -> {
              if (error == null && result.getError().isEmpty()) {
                fleet.counters.sent.incrementAndGet();
              } else {
                fleet.counters.sendFailures.incrementAndGet();
              }
            });
  }

  /**
   * One upgrade job: progress 1 (download started), 50 (downloaded and verified), 80 (installing),
   * 100 (installed), then an inform of the target version; or a failure code at its phase. With a
   * public key the package is really downloaded (resumably) and verified; otherwise the download is
   * a delay.
   */
  private final class Job {
    final String jobId;
    final String module;
    final String target;
    final int failure;
    final PackageCheck download;
    volatile JsonNode command;
    volatile boolean stopped;
    boolean installing;
    boolean awaitingUrl;
    int urlRequests;

    Job(String jobId, String module, String target, JsonNode command, int failure) {
      this.jobId = jobId;
      this.module = module;
      this.target = target;
      this.command = command;
      this.failure = failure;
      this.download =
          fleet.downloadSettings == null
              ? null
              : new PackageCheck(
                  fleet.downloadSettings,
                  fleet.downloadFile(name, jobId),
                  fleet.counters.resumedDownloads::incrementAndGet);
    }

    void begin() {
      if (failure == -4) {
        fail("declined: simulated failure");
        return;
      }
      progress(jobId, 1, "download started");
      if (download != null) {
        startDownload();
      } else {
        later(fleet.settings.downloadTime().toMillis(), () -> afterDownload(null));
      }
    }

    private void startDownload() {
      JsonNode current = command;
      fleet.downloads.execute(
          () -> {
            PackageCheck.Outcome outcome = download.run(current, () -> stopped || fleet.closed());
            synchronized (SimulatedDevice.this) {
              if (outcome != null && outcome.urlExpired() && command != current && !stopped) {
                startDownload(); // a fresh URL came while this one expired: resume with it
              } else if (outcome != null) {
                afterDownload(outcome);
              }
            }
          });
    }

    // under the monitor
    private void afterDownload(PackageCheck.Outcome outcome) {
      if (stopped || fleet.closed()) {
        return;
      }
      if (outcome != null && outcome.urlExpired()) {
        askForAFreshUrl();
      } else if (outcome != null && outcome.code() != 0) {
        fail(outcome.code(), outcome.description());
      } else if (failure == -1) {
        fail("download failed: simulated failure");
      } else if (failure == -2) {
        fail("sha256 mismatch: simulated failure");
      } else {
        progress(jobId, 50, "downloaded and verified");
        later(fleet.settings.stepDelay().toMillis(), this::install);
      }
    }

    /** §5.4: the URL expired mid-download; ask again and wait for the same job with a new URL. */
    private void askForAFreshUrl() {
      awaitingUrl = true;
      int attempt = ++urlRequests;
      request(module, versions.get(module));
      later(
          fleet.settings.urlWait().toMillis(),
          () -> {
            if (awaitingUrl && urlRequests == attempt) {
              fail(-1, "url expired and no fresh upgrade came");
            }
          });
    }

    /** The same job again (§5.3): take its URL; resume a download that waited for it. */
    void renew(JsonNode fresh) {
      command = fresh;
      if (awaitingUrl) {
        awaitingUrl = false;
        startDownload();
      }
    }

    private void install() {
      if (failure == -3) {
        fail("install failed: simulated failure");
        return;
      }
      installing = true;
      progress(jobId, 80, "installing");
      later(
          fleet.settings.stepDelay().toMillis(),
          () -> {
            progress(jobId, 100, "installed");
            later(
                fleet.settings.stepDelay().toMillis(),
                () -> {
                  versions.put(module, target);
                  end();
                  fleet.counters.succeeded.incrementAndGet();
                  inform(module, target);
                });
          });
    }

    private void fail(String desc) {
      fail(failure, desc);
    }

    private void fail(int code, String desc) {
      progress(jobId, code, desc);
      end();
      fleet.counters.failed.incrementAndGet();
    }

    private void end() {
      jobs.remove(module, this);
      stopped = true;
      if (download != null) {
        download.delete();
      }
    }

    /** Stops the job without a word (a cancel, a newer job, the fleet closing). */
    void abandon() {
      stopped = true;
      if (download != null) {
        download.delete();
      }
    }

    /** Runs {@code step} after {@code millis} under the device's monitor, unless stopped. */
    void later(long millis, Runnable step) {
      fleet.scheduler.schedule(
          () -> {
            synchronized (SimulatedDevice.this) {
              if (!stopped && !fleet.closed()) {
                step.run();
              }
            }
          },
          millis,
          TimeUnit.MILLISECONDS);
    }
  }
}
