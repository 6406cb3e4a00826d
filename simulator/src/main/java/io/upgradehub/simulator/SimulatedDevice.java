package io.upgradehub.simulator;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
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
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One simulated device: its MQTT connection, its module versions and its upgrade jobs. State
 * changes happen under the device's monitor, from the MQTT callbacks and the fleet's scheduler.
 */
final class SimulatedDevice {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int REMEMBERED_COMMANDS = 16;

  private final Fleet fleet;
  private final String name;
  private final boolean silent;
  private final Random random;
  private final String topic;
  private final Map<String, String> versions;
  private final Map<String, Job> jobs = new HashMap<>();
  private final Deque<String> seenCommandIds = new ArrayDeque<>();
  private Mqtt5AsyncClient client;
  private long connectedAt;
  private long sequence;
  private volatile boolean online;

  SimulatedDevice(Fleet fleet, String name, boolean silent, long seed) {
    this.fleet = fleet;
    this.name = name;
    this.silent = silent;
    this.random = new Random(seed);
    this.topic = "ota/v1/" + fleet.settings.productKey() + "/" + name + "/";
    this.versions = new LinkedHashMap<>(fleet.settings.modules());
  }

  String name() {
    return name;
  }

  /** Connects, subscribes, then publishes status online and one inform per module. */
  void connect() {
    String identity = fleet.settings.productKey() + "/" + name;
    long timestamp;
    String willId;
    synchronized (this) {
      connectedAt = System.currentTimeMillis();
      timestamp = connectedAt;
      willId = "will-" + fleet.runId + "-" + Long.toString(timestamp, 36);
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
            .willPublish()
            .topic(topic + "status")
            .qos(MqttQos.AT_LEAST_ONCE)
            .payload(status(willId, timestamp, false))
            .applyWillPublish()
            .buildAsync();
    // registered before connecting so that no command queued for the device is missed
    client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::onCommand);
    client
        .connectWith()
        .cleanStart(true)
        .keepAlive(60)
        .send()
        .thenCompose(
            connAck ->
                client.subscribe(
                    Mqtt5Subscribe.builder()
                        .addSubscription()
                        .topicFilter(topic + "upgrade")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .applySubscription()
                        .addSubscription()
                        .topicFilter(topic + "cancel")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .applySubscription()
                        .build()))
        .whenComplete(
            (subAck, error) -> {
              if (error != null) {
                fleet.counters.connectFailures.incrementAndGet();
                return;
              }
              online = true;
              fleet.counters.connected.incrementAndGet();
              publish("status", status(nextId(), timestamp, true));
              Map<String, String> snapshot;
              synchronized (this) {
                snapshot = Map.copyOf(versions);
              }
              snapshot.forEach((module, version) -> inform(module, version));
            });
  }

  /** Publishes status offline with the connection's timestamp, then disconnects cleanly. */
  CompletableFuture<Void> disconnect() {
    if (!online) {
      return CompletableFuture.completedFuture(null);
    }
    online = false;
    long timestamp;
    synchronized (this) {
      jobs.values().forEach(Job::stop);
      jobs.clear();
      timestamp = connectedAt;
    }
    return publish("status", status(nextId(), timestamp, false))
        .handle((ack, error) -> null)
        .thenCompose(ignored -> client.disconnect())
        .whenComplete((ignored, error) -> fleet.counters.connected.decrementAndGet());
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
      return; // §5.3: the job in progress goes on
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
      current.stop(); // a new job for the module ends the old one (§5.3)
    }
    Job job = new Job(jobId, module, target, command, failureCode());
    jobs.put(module, job);
    job.begin();
  }

  // under the monitor
  private void onCancel(JsonNode command) {
    String jobId = command.path("jobId").asString(null);
    for (Job job : jobs.values()) {
      if (job.jobId.equals(jobId)) {
        if (!job.installing) { // once installing, the job finishes (§4.6)
          job.stop();
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

  private void inform(String module, String version) {
    Map<String, Object> message = message();
    message.put("module", module);
    message.put("version", version);
    publish("inform", JSON.writeValueAsBytes(message));
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
   * One upgrade job: progress 10 (downloading), 50 (downloaded and verified), 80 (installing), 100
   * (installed), then an inform of the target version; or a failure code at its phase.
   */
  private final class Job {
    final String jobId;
    final String module;
    final String target;
    final JsonNode command;
    final int failure;
    boolean installing;
    boolean stopped;

    Job(String jobId, String module, String target, JsonNode command, int failure) {
      this.jobId = jobId;
      this.module = module;
      this.target = target;
      this.command = command;
      this.failure = failure;
    }

    void begin() {
      if (failure == -4) {
        fail("declined: simulated failure");
        return;
      }
      progress(jobId, 10, "download started");
      if (fleet.settings.publicKey() != null) {
        PackageCheck.download(fleet.http, command, fleet.settings.publicKey())
            .whenComplete((result, error) -> afterDownload(result, error));
      } else {
        later(fleet.settings.downloadTime().toMillis(), () -> afterDownload(null, null));
      }
    }

    private void afterDownload(PackageCheck.Outcome outcome, Throwable error) {
      synchronized (SimulatedDevice.this) {
        if (stopped) {
          return;
        }
        if (error != null) {
          fail(-4, "download: " + error.getMessage());
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
                  jobs.remove(module, this);
                  stopped = true;
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
      jobs.remove(module, this);
      stopped = true;
      fleet.counters.failed.incrementAndGet();
    }

    void stop() {
      stopped = true;
    }

    /** Runs {@code step} after {@code millis} under the device's monitor, unless stopped. */
    private void later(long millis, Runnable step) {
      fleet.scheduler.schedule(
          () -> {
            synchronized (SimulatedDevice.this) {
              if (!stopped && online) {
                step.run();
              }
            }
          },
          millis,
          TimeUnit.MILLISECONDS);
    }
  }
}
