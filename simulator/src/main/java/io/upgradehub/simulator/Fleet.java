package io.upgradehub.simulator;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.MqttClientExecutorConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A fleet of simulated devices speaking device protocol v1 (docs/device-protocol.md) over MQTT 5.
 *
 * <p>Every device has its own MQTT connection (or, with {@link Builder#sharedConnections(int)}, a
 * place on one of a few), but all connections share one Netty event loop and one scheduler thread:
 * no thread per device, so tens of thousands fit in one JVM. Devices connect at {@link
 * Builder#connectRate(int)} per second after {@link #start()}, publish {@code status} online and
 * one {@code inform} per module (optionally a {@code request} per module), answer {@code upgrade}
 * and {@code cancel}, and reconnect with backoff when the broker goes away. Real downloads (with a
 * public key) run on a few threads of their own and resume with {@code Range}.
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
  final PackageCheck.Settings downloadSettings;
  final ExecutorService downloads;
  final String runId;
  final SharedConnections shared;
  private final Path downloadDirectory;
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
    this.shared =
        settings.sharedConnections() == 0
            ? null
            : new SharedConnections(this, settings.sharedConnections());
    if (settings.publicKey() == null) {
      this.downloadSettings = null;
      this.downloads = null;
      this.downloadDirectory = null;
    } else {
      this.downloadSettings =
          new PackageCheck.Settings(
              HttpClient.newBuilder()
                  .version(HttpClient.Version.HTTP_1_1)
                  .connectTimeout(Duration.ofSeconds(10))
                  .build(),
              settings.publicKey(),
              settings.interruptAfter(),
              settings.interruptPause());
      AtomicInteger threads = new AtomicInteger();
      this.downloads =
          Executors.newFixedThreadPool(
              settings.downloadThreads(),
              runnable -> {
                Thread thread = new Thread(runnable, "fleet-download-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      try {
        this.downloadDirectory =
            Files.createTempDirectory(
                Path.of(System.getProperty("java.io.tmpdir")), "upgradehub-simulator-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the download directory", e);
      }
    }
  }

  /** Where a device keeps the package of a job while downloading it. */
  Path downloadFile(String device, String jobId) {
    return downloadDirectory.resolve(device + "-" + jobId + ".bin");
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
    if (shared != null) {
      join(shared.open(), "the shared connections did not connect within 30 s");
    }
    for (int i = 0; i < settings.count(); i++) {
      Map<String, String> versions = new LinkedHashMap<>();
      settings.modules().forEach((module, weights) -> versions.put(module, pick(weights)));
      boolean silent = random.nextDouble() < settings.silentShare();
      devices.add(new SimulatedDevice(this, deviceName(i), versions, silent, random.nextLong()));
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

  private String deviceName(int index) {
    String number = Integer.toString(settings.firstIndex() + index);
    return settings.prefix()
        + "0".repeat(Math.max(0, settings.digits() - number.length()))
        + number;
  }

  /** A version drawn by its weight. */
  private String pick(Map<String, Integer> weights) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    int draw = random.nextInt(total);
    for (Map.Entry<String, Integer> weight : weights.entrySet()) {
      draw -= weight.getValue();
      if (draw < 0) {
        return weight.getKey();
      }
    }
    throw new IllegalStateException("weights changed while drawing");
  }

  /** The devices' names, in connect order. */
  public List<String> deviceNames() {
    return devices.stream().map(SimulatedDevice::name).toList();
  }

  /** What each device runs now: device name → module → version. */
  public Map<String, Map<String, String>> versions() {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    devices.forEach(device -> all.put(device.name(), device.versions()));
    return all;
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
    awaitQuietly(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)));
    if (shared != null) {
      awaitQuietly(shared.close());
    }
    scheduler.shutdownNow();
    if (downloads != null) {
      downloads.shutdownNow();
      try (Stream<Path> files = Files.walk(downloadDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }

  boolean closed() {
    return closed;
  }

  /** Waits at most 30 s; what did not finish by then is left (the broker publishes the wills). */
  private static void awaitQuietly(CompletableFuture<?> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // some devices or connections did not disconnect cleanly
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(CompletableFuture<?> future, String failure) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new IllegalStateException(failure, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(failure, e);
    }
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
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong resumedDownloads = new AtomicLong();

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
          cancelled.get(),
          reconnects.get(),
          requests.get(),
          resumedDownloads.get());
    }
  }

  /** The fleet's configuration, validated by the builder. */
  record Settings(
      URI broker,
      String productKey,
      String prefix,
      int firstIndex,
      int digits,
      int count,
      Map<String, Map<String, Integer>> modules,
      int connectRate,
      double silentShare,
      Map<Integer, Double> failureRates,
      Duration latency,
      boolean requestOnConnect,
      Duration reconnectDelay,
      Duration reconnectMaxDelay,
      PublicKey publicKey,
      int downloadThreads,
      long interruptAfter,
      Duration interruptPause,
      Duration urlWait,
      Duration stepDelay,
      Duration downloadTime,
      int nettyThreads,
      int sharedConnections,
      long seed) {}

  /** Builds a {@link Fleet}; every setter has a default. */
  public static final class Builder {
    private URI broker = URI.create("tcp://127.0.0.1:1883");
    private String productKey = "demo-thermostat";
    private String prefix = "sim-";
    private int firstIndex;
    private int digits;
    private int count = 100;
    private final Map<String, Map<String, Integer>> modules = new LinkedHashMap<>();
    private int connectRate = 500;
    private double silentShare;
    private final Map<Integer, Double> failureRates = new LinkedHashMap<>();
    private Duration latency = Duration.ZERO;
    private boolean requestOnConnect;
    private Duration reconnectDelay = Duration.ofSeconds(1);
    private Duration reconnectMaxDelay = Duration.ofSeconds(60);
    private PublicKey publicKey;
    private int downloadThreads = 8;
    private long interruptAfter;
    private Duration interruptPause = Duration.ZERO;
    private Duration urlWait = Duration.ofSeconds(30);
    private Duration stepDelay = Duration.ofSeconds(1);
    private Duration downloadTime = Duration.ofSeconds(2);
    private int nettyThreads;
    private int sharedConnections;
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

    /** Device names are {@code prefix + number}; default {@code sim-}. */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /**
     * Numbers devices from {@code first}, zero-padded to {@code digits} (so {@code 1, 3} gives
     * {@code 001, 002, …}); default from 0, unpadded.
     */
    public Builder numbering(int first, int digits) {
      this.firstIndex = first;
      this.digits = digits;
      return this;
    }

    /** How many devices; default 100. */
    public Builder count(int count) {
      this.count = count;
      return this;
    }

    /** A module and the version every device runs at start; default {@code default=1.0.0}. */
    public Builder module(String module, String version) {
      return module(module, Map.of(version, 1));
    }

    /**
     * A module and the versions devices run at start, each drawn by its weight (for example {@code
     * 1.0.0=2, 1.1.0=5}: five in seven devices run 1.1.0), so that version distributions have
     * something to show.
     */
    public Builder module(String module, Map<String, Integer> weightedVersions) {
      modules.put(module, new LinkedHashMap<>(weightedVersions));
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
     * How long a device takes to start on an {@code upgrade}, ±50 % per job; default 0 (at once).
     */
    public Builder latency(Duration latency) {
      this.latency = latency;
      return this;
    }

    /**
     * Sends one {@code request} per module after every connect (§4.4, §5.6), at most once a minute
     * per module; default off.
     */
    public Builder requestOnConnect(boolean enabled) {
      this.requestOnConnect = enabled;
      return this;
    }

    /**
     * Reconnect backoff after a lost connection: {@code initial}, doubling per failed attempt up to
     * {@code max}, each delay drawn from half to all of it; default 1 s up to 60 s.
     */
    public Builder reconnectBackoff(Duration initial, Duration max) {
      this.reconnectDelay = initial;
      this.reconnectMaxDelay = max;
      return this;
    }

    /**
     * Download every package from its URL (resuming with {@code Range}) and verify size, SHA-256
     * and Ed25519 signature against this key: base64 of the X.509 SubjectPublicKeyInfo, as {@code
     * publicKey} of {@code GET /api/v1/packages/signing-key} or the body of a PEM {@code PUBLIC
     * KEY}. Without a key (the default) the download is only a delay of {@link #downloadTime}.
     *
     * @throws IllegalArgumentException when the key is not a base64 X.509 Ed25519 key
     */
    public Builder verifyDownloads(String base64PublicKey) {
      String body =
          base64PublicKey
              .replace("-----BEGIN PUBLIC KEY-----", "")
              .replace("-----END PUBLIC KEY-----", "")
              .replaceAll("\\s", "");
      try {
        this.publicKey =
            KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
      } catch (Exception e) {
        throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
      }
      return this;
    }

    /** Threads downloading at the same time, for the whole fleet; default 8. */
    public Builder downloadThreads(int threads) {
      this.downloadThreads = threads;
      return this;
    }

    /**
     * Simulates a flaky link: every download request stops after {@code bytes}, and the device
     * resumes with {@code Range} after {@code pause}; default off (0).
     */
    public Builder interruptDownloads(long bytes, Duration pause) {
      this.interruptAfter = bytes;
      this.interruptPause = pause;
      return this;
    }

    /**
     * How long a device whose URL expired waits for the fresh {@code upgrade} after its {@code
     * request} before giving the job up (§5.4); default 30 s.
     */
    public Builder urlWait(Duration wait) {
      this.urlWait = wait;
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

    /**
     * Carries the devices over this many MQTT connections, each device always on the same one (as a
     * gateway carries sub-devices), instead of a connection per device; default 0: a connection per
     * device. For fleets beyond the open-files limit: a connection is a file descriptor here and in
     * the broker. Devices on shared connections have no will and do not reconnect one by one.
     */
    public Builder sharedConnections(int connections) {
      this.sharedConnections = connections;
      return this;
    }

    /** Seed of the choice of versions, silent devices and failures, for repeatable runs. */
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
      require(firstIndex >= 0 && digits >= 0 && digits <= 10, "bad numbering");
      require(count > 0, "count must be positive");
      require(connectRate > 0, "connectRate must be positive");
      require(silentShare >= 0 && silentShare <= 1, "silentShare must be in 0..1");
      require(nettyThreads >= 0, "nettyThreads must not be negative");
      require(sharedConnections >= 0, "sharedConnections must not be negative");
      require(downloadThreads > 0, "downloadThreads must be positive");
      require(interruptAfter >= 0, "interruptDownloads bytes must not be negative");
      for (Duration duration :
          List.of(
              latency,
              reconnectDelay,
              reconnectMaxDelay,
              interruptPause,
              urlWait,
              stepDelay,
              downloadTime)) {
        require(duration != null && !duration.isNegative(), "durations must not be negative");
      }
      require(!reconnectDelay.isZero(), "the reconnect delay must be positive");
      double failures = 0;
      for (Map.Entry<Integer, Double> rate : failureRates.entrySet()) {
        require(FAILURE_CODES.contains(rate.getKey()), "failure codes are -1..-4");
        require(rate.getValue() >= 0 && rate.getValue() <= 1, "failure rates must be in 0..1");
        failures += rate.getValue();
      }
      require(failures <= 1.0 + 1e-9, "failure rates add up to more than 1");
      Map<String, Map<String, Integer>> versions = new LinkedHashMap<>();
      if (modules.isEmpty()) {
        versions.put("default", Map.of("1.0.0", 1));
      }
      for (Map.Entry<String, Map<String, Integer>> module : modules.entrySet()) {
        require(module.getKey().matches("[A-Za-z0-9_-]{1,32}"), "bad module " + module.getKey());
        require(!module.getValue().isEmpty(), "module " + module.getKey() + " has no version");
        for (Map.Entry<String, Integer> version : module.getValue().entrySet()) {
          require(
              version.getKey().matches("[A-Za-z0-9._+-]{1,64}"), "bad version " + version.getKey());
          require(version.getValue() > 0, "version weights must be positive");
        }
        versions.put(
            module.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(module.getValue())));
      }
      return new Fleet(
          new Settings(
              broker,
              productKey,
              prefix,
              firstIndex,
              digits,
              count,
              Collections.unmodifiableMap(versions),
              connectRate,
              silentShare,
              Map.copyOf(failureRates),
              latency,
              requestOnConnect,
              reconnectDelay,
              reconnectMaxDelay,
              publicKey,
              downloadThreads,
              interruptAfter,
              interruptPause,
              urlWait,
              stepDelay,
              downloadTime,
              nettyThreads,
              sharedConnections,
              seed));
    }

    private static void require(boolean condition, String message) {
      if (!condition) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
