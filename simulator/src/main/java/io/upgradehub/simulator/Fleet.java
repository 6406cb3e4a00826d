package io.upgradehub.simulator;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientExecutorConfigBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet of simulated devices speaking device protocol v1 (docs/device-protocol.md) over MQTT 5.
 *
 * <p>Every device has its own MQTT connection, but all connections share one Netty event loop and
 * one scheduler thread: no thread per device, so tens of thousands fit in one JVM. Devices connect
 * at {@link Builder#connectRate(int)} per second after {@link #start()}, publish {@code status}
 * online and one {@code inform} per module, and answer {@code upgrade} and {@code cancel}.
 *
 * <p>Not thread-safe to configure; {@link #start()} once, {@link #close()} once. {@link #stats()}
 * may be read from any thread.
 */
public final class Fleet implements AutoCloseable {

  /** The failure codes of protocol §4.3. */
  public static final List<Integer> FAILURE_CODES = List.of(-1, -2, -3, -4);

  final Settings settings;
  final Counters counters = new Counters();
  final ScheduledExecutorService scheduler;
  final MqttClientExecutorConfig executorConfig;
  final HttpClient http;
  final String runId;
  private final Random random;
  private final List<SimulatedDevice> devices = new ArrayList<>();
  private ScheduledFuture<?> starter;
  private volatile boolean closed;

  private Fleet(Settings settings) {
    this.settings = settings;
    this.random = new Random(settings.seed());
    this.runId = Long.toString(System.currentTimeMillis(), 36);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "fleet-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    // one config object for every client: HiveMQ's clients then share one Netty event loop group
    MqttClientExecutorConfigBuilder executor = MqttClientExecutorConfig.builder();
    if (settings.nettyThreads() > 0) {
      executor.nettyThreads(settings.nettyThreads());
    }
    this.executorConfig = executor.build();
    this.http =
        settings.publicKey() == null
            ? null
            : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A builder with the defaults of the local run. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts connecting the devices at the configured rate and returns at once.
   *
   * @throws IllegalStateException when started twice
   */
  public synchronized void start() {
    if (starter != null) {
      throw new IllegalStateException("the fleet is already started");
    }
    for (int i = 0; i < settings.count(); i++) {
      boolean silent = random.nextDouble() < settings.silentShare();
      devices.add(new SimulatedDevice(this, settings.prefix() + i, silent, random.nextLong()));
    }
    long startedAt = System.nanoTime();
    int[] next = {0};
    starter =
        scheduler.scheduleAtFixedRate(
            () -> {
              double elapsed = (System.nanoTime() - startedAt) / 1e9;
              long due = Math.min(devices.size(), (long) (elapsed * settings.connectRate()) + 1);
              while (next[0] < due && !closed) {
                devices.get(next[0]++).connect();
              }
              if (next[0] >= devices.size()) {
                throw new CancellationDone();
              }
            },
            0,
            10,
            TimeUnit.MILLISECONDS);
  }

  /** The devices' names, in connect order. */
  public List<String> deviceNames() {
    return devices.stream().map(SimulatedDevice::name).toList();
  }

  /** A snapshot of the counters. */
  public FleetStats stats() {
    return counters.snapshot(settings.count());
  }

  /**
   * Disconnects every device cleanly (an offline {@code status}, then an MQTT DISCONNECT) and waits
   * at most 30 s for it.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (starter != null) {
        starter.cancel(false);
      }
    }
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (SimulatedDevice device : devices) {
      pending.add(device.disconnect());
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      // some devices did not disconnect cleanly; the broker publishes their wills
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
  }

  boolean closed() {
    return closed;
  }

  /** Thrown inside the starter task to end its schedule once every device is launched. */
  private static final class CancellationDone extends RuntimeException {
    CancellationDone() {
      super(null, null, false, false);
    }
  }

  /** Counters shared by the devices. */
  static final class Counters {
    final AtomicLong connected = new AtomicLong();
    final AtomicLong connectFailures = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();

    FleetStats snapshot(int devices) {
      return new FleetStats(
          devices,
          connected.get(),
          connectFailures.get(),
          sent.get(),
          sendFailures.get(),
          received.get(),
          succeeded.get(),
          failed.get(),
          cancelled.get());
    }
  }

  /** The fleet's configuration, validated by the builder. */
  record Settings(
      URI broker,
      String productKey,
      String prefix,
      int count,
      Map<String, String> modules,
      int connectRate,
      double silentShare,
      Map<Integer, Double> failureRates,
      PublicKey publicKey,
      Duration stepDelay,
      Duration downloadTime,
      int nettyThreads,
      long seed) {}

  /** Builds a {@link Fleet}; every setter has a default. */
  public static final class Builder {
    private URI broker = URI.create("tcp://127.0.0.1:1883");
    private String productKey = "demo-thermostat";
    private String prefix = "sim-";
    private int count = 100;
    private final Map<String, String> modules = new LinkedHashMap<>();
    private int connectRate = 500;
    private double silentShare;
    private final Map<Integer, Double> failureRates = new LinkedHashMap<>();
    private PublicKey publicKey;
    private Duration stepDelay = Duration.ofSeconds(1);
    private Duration downloadTime = Duration.ofSeconds(2);
    private int nettyThreads;
    private long seed = System.nanoTime();

    private Builder() {}

    /** The broker, {@code tcp://host:port}; default {@code tcp://127.0.0.1:1883}. */
    public Builder broker(URI broker) {
      this.broker = broker;
      return this;
    }

    /** The product of every device; default {@code demo-thermostat}. */
    public Builder productKey(String productKey) {
      this.productKey = productKey;
      return this;
    }

    /** Device names are {@code prefix + index} (0-based); default {@code sim-}. */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** How many devices; default 100. */
    public Builder count(int count) {
      this.count = count;
      return this;
    }

    /** A module and the version every device runs at start; default {@code default=1.0.0}. */
    public Builder module(String module, String version) {
      modules.put(module, version);
      return this;
    }

    /** New connections per second; default 500. */
    public Builder connectRate(int perSecond) {
      this.connectRate = perSecond;
      return this;
    }

    /** Share (0–1) of devices that never answer a command; default 0. */
    public Builder silentShare(double share) {
      this.silentShare = share;
      return this;
    }

    /** Share (0–1) of upgrades that fail with {@code code} (−1…−4); default none. */
    public Builder failureRate(int code, double share) {
      this.failureRates.put(code, share);
      return this;
    }

    /**
     * Download every package from its URL and verify size, SHA-256 and Ed25519 signature against
     * this key (base64 of the X.509 SubjectPublicKeyInfo, the body of a PEM {@code PUBLIC KEY}).
     * Without a key (the default) the download is only a delay of {@link #downloadTime}.
     *
     * @throws IllegalArgumentException when the key is not a base64 X.509 Ed25519 key
     */
    public Builder verifyDownloads(String base64PublicKey) {
      try {
        this.publicKey =
            KeyFactory.getInstance("Ed25519")
                .generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(base64PublicKey.strip())));
      } catch (Exception e) {
        throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
      }
      return this;
    }

    /** Pause between two progress steps; default 1 s. */
    public Builder stepDelay(Duration delay) {
      this.stepDelay = delay;
      return this;
    }

    /** Simulated download time when downloads are not verified; default 2 s. */
    public Builder downloadTime(Duration time) {
      this.downloadTime = time;
      return this;
    }

    /**
     * Netty threads shared by all connections; default 0: HiveMQ's default (twice the processors).
     * HiveMQ keeps one event loop per JVM for the default executor, so every client of the JVM
     * (also ones outside this fleet) should ask for the same number.
     */
    public Builder nettyThreads(int threads) {
      this.nettyThreads = threads;
      return this;
    }

    /** Seed of the choice of silent devices and failures, for repeatable runs. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Builds the fleet (nothing connects before {@link Fleet#start()}).
     *
     * @throws IllegalArgumentException when a setting is out of range
     */
    public Fleet build() {
      require(broker != null && "tcp".equals(broker.getScheme()), "broker must be tcp://host:port");
      require(productKey != null && productKey.matches("[A-Za-z0-9_-]{1,64}"), "bad productKey");
      require(prefix != null && prefix.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,50}"), "bad prefix");
      require(count > 0, "count must be positive");
      require(connectRate > 0, "connectRate must be positive");
      require(silentShare >= 0 && silentShare <= 1, "silentShare must be in 0..1");
      require(nettyThreads >= 0, "nettyThreads must not be negative");
      double failures = 0;
      for (Map.Entry<Integer, Double> rate : failureRates.entrySet()) {
        require(FAILURE_CODES.contains(rate.getKey()), "failure codes are -1..-4");
        require(rate.getValue() >= 0 && rate.getValue() <= 1, "failure rates must be in 0..1");
        failures += rate.getValue();
      }
      require(failures <= 1.0 + 1e-9, "failure rates add up to more than 1");
      Map<String, String> versions = modules.isEmpty() ? Map.of("default", "1.0.0") : modules;
      for (Map.Entry<String, String> module : versions.entrySet()) {
        require(module.getKey().matches("[A-Za-z0-9_-]{1,32}"), "bad module " + module.getKey());
        require(
            module.getValue().matches("[A-Za-z0-9._+-]{1,64}"), "bad version " + module.getValue());
      }
      return new Fleet(
          new Settings(
              broker,
              productKey,
              prefix,
              count,
              java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions)),
              connectRate,
              silentShare,
              Map.copyOf(failureRates),
              publicKey,
              stepDelay,
              downloadTime,
              nettyThreads,
              seed));
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
