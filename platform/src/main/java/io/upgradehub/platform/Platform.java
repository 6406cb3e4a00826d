package io.upgradehub.platform;

import io.upgradehub.platform.apikey.AdminKeyFile;
import io.upgradehub.platform.apikey.ApiKey;
import io.upgradehub.platform.apikey.GatewayKey;
import io.upgradehub.platform.fleet.LocalFleet;
import io.upgradehub.platform.kafka.KafkaBroker;
import io.upgradehub.platform.net.Ports;
import io.upgradehub.platform.process.ChildProcess;
import io.upgradehub.platform.seed.DemoData;
import io.upgradehub.platform.service.BootService;
import io.upgradehub.simulator.SigningKey;
import io.upgradehub.testsupport.EmbeddedMongo;
import io.upgradehub.testsupport.EmbeddedMqtt;
import io.upgradehub.testsupport.EmbeddedS3;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole platform on one machine: a MongoDB-protocol server and an S3 server in-process, a real
 * Kafka broker and the services as child JVMs, everything bound to 127.0.0.1. Used by {@link
 * LocalPlatform} (fixed ports, {@code .local/}) and by end-to-end tests and benchmarks (free ports,
 * a temporary directory).
 *
 * <p>A piece whose port already accepts connections is not started but reused, so a MongoDB or
 * Kafka the developer already runs is used as it is. {@link #close()} stops only what this instance
 * started; a JVM shutdown hook calls it too, so Ctrl-C or SIGTERM stops every child.
 *
 * <pre>{@code
 * try (Platform platform = Platform.builder().directory(tmp).freePorts().apiKey(key).start()) {
 *   URI api = platform.gatewayUrl();
 * }
 * }</pre>
 */
public final class Platform implements AutoCloseable {

  private static final Duration KAFKA_TIMEOUT = Duration.ofMinutes(2);
  private static final Set<Component> SERVICES =
      EnumSet.of(
          Component.PACKAGE_SERVICE,
          Component.INVENTORY_SERVICE,
          Component.CAMPAIGN_SERVICE,
          Component.NOTIFICATION_SERVICE,
          Component.DEVICE_ADAPTER,
          Component.GATEWAY);

  private final Builder settings;
  private final Path root;
  private final Path directory;
  private final Map<Component, Integer> ports;
  private final Map<Component, String> states = new EnumMap<>(Component.class);
  private final Map<Component, ChildProcess> children = new ConcurrentHashMap<>();
  // what each service was launched with, so that startService launches it again the same way
  private final Map<Component, List<String>> serviceProperties = new ConcurrentHashMap<>();
  private final Map<Component, BootService> services = new ConcurrentHashMap<>();
  private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
  private final Thread shutdownHook = new Thread(this::close, "upgradehub-platform-shutdown");
  private final PrintStream out;
  private volatile boolean closed;
  private Optional<ApiKey> generatedAdminKey = Optional.empty();
  private Duration startupDuration = Duration.ZERO;
  private volatile LocalFleet fleet;
  private volatile KafkaBroker kafka;

  private Platform(Builder settings) {
    this.settings = settings;
    this.root = settings.root != null ? settings.root : RepositoryLayout.locateRoot();
    this.directory =
        (settings.directory != null ? settings.directory : root.resolve(".local")).toAbsolutePath();
    this.ports = new EnumMap<>(settings.ports);
    this.out = settings.out;
  }

  public static Builder builder() {
    return new Builder();
  }

  private Platform start() {
    long begin = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      Files.createDirectories(directory);
      checkServiceJarsExist();
      startMongo();
      startS3();
      startMqtt();
      KafkaBroker kafka = launchKafka();
      BootService packageService = launchPackageService();
      BootService inventoryService = launchInventoryService();
      BootService campaignService = launchCampaignService();
      BootService notificationService = launchNotificationService();
      BootService deviceAdapter = launchDeviceAdapter();
      BootService gateway = launchGateway();
      if (kafka != null) {
        kafka.awaitReady(KAFKA_TIMEOUT);
        report(Component.KAFKA, "started", begin);
      }
      awaitService(Component.PACKAGE_SERVICE, packageService, begin);
      awaitService(Component.INVENTORY_SERVICE, inventoryService, begin);
      awaitService(Component.CAMPAIGN_SERVICE, campaignService, begin);
      awaitService(Component.NOTIFICATION_SERVICE, notificationService, begin);
      awaitService(Component.DEVICE_ADAPTER, deviceAdapter, begin);
      awaitService(Component.GATEWAY, gateway, begin);
      startupDuration = Duration.ofNanos(System.nanoTime() - begin);
      seedDemoData();
      startFleet();
      children.forEach(this::warnOnUnexpectedExit);
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      boolean stoppedFromOutside = closed;
      close();
      if (stoppedFromOutside) {
        // Ctrl-C during the start: the children died because they were told to
        throw new IllegalStateException("stopped while starting", e);
      }
      throw e;
    }
  }

  private void warnOnUnexpectedExit(Component component, ChildProcess child) {
    child.onUnexpectedExit(
        code -> {
          // 130/143: SIGINT/SIGTERM, as when Ctrl-C reaches the children directly
          if (!closed && code != 130 && code != 143) {
            out.println(
                "WARN  "
                    + component.displayName()
                    + " exited with code "
                    + code
                    + "; see "
                    + child.logFile());
          }
        });
  }

  /** Fails before anything starts rather than after Kafka took its time. */
  private void checkServiceJarsExist() {
    for (Component component : SERVICES) {
      Path jar = serviceJar(component);
      if (settings.components.contains(component)
          && !Ports.isListening(port(component))
          && !Files.isRegularFile(jar)) {
        throw new IllegalStateException(
            component.displayName()
                + "'s jar is missing at "
                + jar
                + "; build it first (mvn -B -DskipTests install)");
      }
    }
  }

  private Path serviceJar(Component component) {
    return settings.jars.getOrDefault(
        component, RepositoryLayout.serviceJar(root, component.displayName()));
  }

  private void startMongo() {
    if (reuseOrSkip(Component.MONGO)) {
      return;
    }
    long begin = System.nanoTime();
    EmbeddedMongo mongo =
        EmbeddedMongo.persistent(
            directory.resolve("mongo").resolve("upgradehub.mv"), port(Component.MONGO));
    track(mongo);
    report(Component.MONGO, "started", begin);
  }

  private void startMqtt() {
    if (reuseOrSkip(Component.MQTT)) {
      return;
    }
    long begin = System.nanoTime();
    track(EmbeddedMqtt.start(port(Component.MQTT)));
    report(Component.MQTT, "started", begin);
  }

  private void startS3() {
    if (reuseOrSkip(Component.S3)) {
      return;
    }
    long begin = System.nanoTime();
    EmbeddedS3 s3 =
        EmbeddedS3.start(
            directory.resolve("s3"),
            port(Component.S3),
            settings.s3AccessKey,
            settings.s3SecretKey);
    track(s3);
    report(Component.S3, "started", begin);
  }

  private KafkaBroker launchKafka() {
    if (reuseOrSkip(Component.KAFKA)) {
      return null;
    }
    int controllerPort = settings.kafkaControllerPort;
    if (controllerPort == 0 || Ports.isListening(controllerPort)) {
      controllerPort = Ports.free();
    }
    KafkaBroker kafka =
        KafkaBroker.launch(
            directory.resolve("kafka"),
            port(Component.KAFKA),
            controllerPort,
            settings.kafkaLib != null ? settings.kafkaLib : RepositoryLayout.kafkaLib(root),
            logFile(Component.KAFKA),
            settings.kafkaHeap);
    track(kafka);
    children.put(Component.KAFKA, kafka.process());
    this.kafka = kafka;
    return kafka;
  }

  private BootService launchPackageService() {
    if (reuseOrSkip(Component.PACKAGE_SERVICE)) {
      return null;
    }
    List<String> properties = new ArrayList<>();
    properties.add("spring.mongodb.uri=" + mongoUri("packages"));
    properties.add("spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
    properties.add("upgradehub.storage.endpoint=" + s3Endpoint());
    properties.add("upgradehub.storage.access-key=" + settings.s3AccessKey);
    properties.add("upgradehub.storage.secret-key=" + settings.s3SecretKey);
    properties.add("upgradehub.signing.key-file=" + signingKeyFile());
    properties.add("upgradehub.signing.generate-if-missing=true");
    properties.addAll(settings.properties(Component.PACKAGE_SERVICE));
    return launchService(Component.PACKAGE_SERVICE, properties);
  }

  private BootService launchInventoryService() {
    if (reuseOrSkip(Component.INVENTORY_SERVICE)) {
      return null;
    }
    List<String> properties = new ArrayList<>();
    properties.add("spring.mongodb.uri=" + mongoUri("inventory"));
    properties.add("spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
    properties.addAll(settings.properties(Component.INVENTORY_SERVICE));
    return launchService(Component.INVENTORY_SERVICE, properties);
  }

  private BootService launchCampaignService() {
    if (reuseOrSkip(Component.CAMPAIGN_SERVICE)) {
      return null;
    }
    List<String> properties = new ArrayList<>();
    properties.add("spring.mongodb.uri=" + mongoUri("campaigns"));
    properties.add("spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
    // device sets come from inventory-service itself, not through the gateway
    properties.add("upgradehub.inventory-service.url=" + url(Component.INVENTORY_SERVICE));
    properties.addAll(settings.properties(Component.CAMPAIGN_SERVICE));
    return launchService(Component.CAMPAIGN_SERVICE, properties);
  }

  private BootService launchNotificationService() {
    if (reuseOrSkip(Component.NOTIFICATION_SERVICE)) {
      return null;
    }
    List<String> properties = new ArrayList<>();
    properties.add("spring.mongodb.uri=" + mongoUri("notifications"));
    properties.add("spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
    // the address guard keeps its default (no internal range allowed), so a webhook to this
    // machine is refused here as anywhere; a test whose receiver runs here allows 127.0.0.1/32
    // with Builder.property
    properties.addAll(settings.properties(Component.NOTIFICATION_SERVICE));
    return launchService(Component.NOTIFICATION_SERVICE, properties);
  }

  private BootService launchDeviceAdapter() {
    if (reuseOrSkip(Component.DEVICE_ADAPTER)) {
      return null;
    }
    List<String> properties = new ArrayList<>();
    properties.add("spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
    properties.add("upgradehub.mqtt.uri=" + mqttUri());
    properties.add("upgradehub.package-service.url=" + packageServiceUrl());
    properties.add("upgradehub.campaign-service.url=" + campaignServiceUrl());
    properties.addAll(settings.properties(Component.DEVICE_ADAPTER));
    return launchService(Component.DEVICE_ADAPTER, properties);
  }

  private BootService launchGateway() {
    if (reuseOrSkip(Component.GATEWAY)) {
      return null;
    }
    List<GatewayKey> keys = new ArrayList<>();
    if (settings.adminKeyFile) {
      AdminKeyFile.Resolved admin = AdminKeyFile.resolve(adminKeyFile());
      keys.add(admin.gatewayKey());
      generatedAdminKey = admin.generated();
    }
    settings.apiKeys.forEach(key -> keys.add(GatewayKey.of(key)));
    List<String> properties = new ArrayList<>();
    properties.add("spring.mongodb.uri=" + mongoUri("gateway"));
    properties.add("upgradehub.services.package-service=" + packageServiceUrl());
    properties.add("upgradehub.services.inventory-service=" + url(Component.INVENTORY_SERVICE));
    properties.add("upgradehub.services.campaign-service=" + campaignServiceUrl());
    properties.add(
        "upgradehub.services.notification-service=" + url(Component.NOTIFICATION_SERVICE));
    for (int i = 0; i < keys.size(); i++) {
      properties.addAll(keys.get(i).properties(i));
    }
    properties.addAll(settings.properties(Component.GATEWAY));
    return launchService(Component.GATEWAY, properties);
  }

  private BootService launchService(Component component, List<String> properties) {
    serviceProperties.put(component, List.copyOf(properties));
    String module = component.displayName();
    BootService service =
        BootService.launch(
            module,
            serviceJar(component),
            port(component),
            properties,
            directory.resolve("run").resolve(module),
            logFile(component),
            settings.serviceHeap);
    track(service);
    children.put(component, service.process());
    services.put(component, service);
    return service;
  }

  private void awaitService(Component component, BootService service, long begin) {
    if (service != null) {
      service.awaitReady(settings.readinessTimeout);
      report(component, "ready", begin);
    } else if ("reused".equals(states.get(component))) {
      BootService.awaitReady(
          component.displayName(), url(component), settings.readinessTimeout, null);
    }
  }

  private void seedDemoData() {
    Path marker = directory.resolve("demo-data.seeded");
    if (!settings.seedDemoData
        || generatedAdminKey.isEmpty()
        || Files.exists(marker)
        || !settings.components.contains(Component.GATEWAY)) {
      return;
    }
    DemoData.Seeded seeded = new DemoData(gatewayUrl(), generatedAdminKey.get().key(), out).seed();
    String summary =
        seeded.products()
            + " products, "
            + seeded.devices()
            + " devices and "
            + seeded.packages()
            + " packages";
    out.println("  demo data            " + summary + " created through the gateway");
    try {
      Files.writeString(marker, summary + "\n");
    } catch (IOException e) {
      out.println("WARN  could not write " + marker + ": " + e.getMessage());
    }
  }

  /**
   * Starts the simulated devices once the services are ready and the demo products exist, so that
   * their first reports are taken. Downloads are verified with package-service's public key when
   * package-service runs; otherwise they are simulated.
   */
  private void startFleet() {
    if (settings.simulatedDevices <= 0) {
      return;
    }
    ensureOpen();
    String publicKey = null;
    if (settings.components.contains(Component.PACKAGE_SERVICE)) {
      try {
        publicKey =
            SigningKey.fetch(packageServiceUrl().resolve("/api/v1/packages/signing-key"), null);
      } catch (IllegalStateException e) {
        out.println("WARN  simulated devices will not download packages: " + e.getMessage());
      }
    }
    LocalFleet fleet = LocalFleet.start(mqttUri(), settings.simulatedDevices, publicKey);
    this.fleet = fleet;
    track(fleet);
    StringBuilder parts = new StringBuilder();
    fleet
        .deviceNames()
        .forEach(
            (product, names) ->
                parts
                    .append(parts.isEmpty() ? "" : ", ")
                    .append(names.size())
                    .append(' ')
                    .append(product));
    out.printf(
        Locale.ROOT,
        "  %-20s %d devices (%s)%s connecting to %s%n",
        "simulated fleet",
        fleet.size(),
        parts,
        publicKey == null ? "" : ", verifying downloads,",
        mqttUri());
  }

  /** The simulated devices, when the builder asked for them. */
  public Optional<LocalFleet> fleet() {
    return Optional.ofNullable(fleet);
  }

  /** True when the component is off, or its port is taken and it is reused. */
  private boolean reuseOrSkip(Component component) {
    ensureOpen();
    if (!settings.components.contains(component)) {
      states.put(component, "off");
      return true;
    }
    if (Ports.isListening(port(component))) {
      states.put(component, "reused");
      out.printf(
          Locale.ROOT,
          "  %-20s 127.0.0.1:%-6d already listening: reused%n",
          component.displayName(),
          port(component));
      return true;
    }
    return false;
  }

  private void track(AutoCloseable piece) {
    started.add(piece);
    if (closed) {
      // a shutdown arrived while this piece was starting
      close();
      throw new IllegalStateException("platform was closed while starting");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("platform was closed while starting");
    }
  }

  private void report(Component component, String what, long begin) {
    states.put(component, "started");
    out.printf(
        Locale.ROOT,
        "  %-20s 127.0.0.1:%-6d %s after %.1f s%n",
        component.displayName(),
        port(component),
        what,
        (System.nanoTime() - begin) / 1e9);
  }

  /** The gateway's base URL, such as {@code http://127.0.0.1:8080}. */
  public URI gatewayUrl() {
    return url(Component.GATEWAY);
  }

  /** package-service's own base URL (bypassing the gateway). */
  public URI packageServiceUrl() {
    return url(Component.PACKAGE_SERVICE);
  }

  /** campaign-service's own base URL (bypassing the gateway). */
  public URI campaignServiceUrl() {
    return url(Component.CAMPAIGN_SERVICE);
  }

  private URI url(Component component) {
    return URI.create("http://127.0.0.1:" + port(component));
  }

  /** The MQTT broker devices connect to, {@code tcp://127.0.0.1:port}. */
  public URI mqttUri() {
    return URI.create("tcp://127.0.0.1:" + port(Component.MQTT));
  }

  /** The S3 server's endpoint. */
  public URI s3Endpoint() {
    return url(Component.S3);
  }

  public String s3AccessKey() {
    return settings.s3AccessKey;
  }

  public String s3SecretKey() {
    return settings.s3SecretKey;
  }

  /** A connection string for {@code database} on the MongoDB-protocol server. */
  public String mongoUri(String database) {
    return "mongodb://127.0.0.1:" + port(Component.MONGO) + "/" + database;
  }

  public String kafkaBootstrapServers() {
    return "127.0.0.1:" + port(Component.KAFKA);
  }

  public int port(Component component) {
    return ports.get(component);
  }

  /** The platform's data directory (Mongo and S3 files, Kafka logs, service logs, keys). */
  public Path directory() {
    return directory;
  }

  /** Where a child's output goes: {@code logs/<name>.log}. */
  public Path logFile(Component component) {
    return directory.resolve("logs").resolve(component.displayName() + ".log");
  }

  /** The signing key package-service uses; generated by it on first start. */
  public Path signingKeyFile() {
    return directory.resolve("signing-key.pem");
  }

  /** Holds the SHA-256 of the local admin key (when the builder asked for one). */
  public Path adminKeyFile() {
    return directory.resolve("admin-key.sha256");
  }

  /** The admin key in clear, present only on the start that generated it. */
  public Optional<ApiKey> generatedAdminKey() {
    return generatedAdminKey;
  }

  /** Whether {@code component} was started by this instance (not reused, not off). */
  public boolean isStarted(Component component) {
    return "started".equals(states.get(component));
  }

  /** Whether {@code component}'s port was already taken, so it was reused. */
  public boolean isReused(Component component) {
    return "reused".equals(states.get(component));
  }

  /** How long {@link Builder#start()} took until every piece was ready (demo data excluded). */
  public Duration startupDuration() {
    return startupDuration;
  }

  /**
   * Stops the Kafka broker this platform started, keeping its data, so that a test can see the
   * services ride out a Kafka outage; {@link #startKafka()} brings it back. The services keep
   * running.
   *
   * @throws IllegalStateException when this platform did not start Kafka (reused or off)
   */
  public void stopKafka() {
    ownKafka().stop();
  }

  /**
   * Starts the broker stopped by {@link #stopKafka()} again, on the same ports and log directory,
   * and waits until it serves requests; when it runs, returns at once.
   *
   * @throws IllegalStateException when this platform did not start Kafka, or it does not come up
   */
  public void startKafka() {
    KafkaBroker broker = ownKafka();
    broker.start(KAFKA_TIMEOUT);
    if (children.put(Component.KAFKA, broker.process()) != broker.process()) {
      warnOnUnexpectedExit(Component.KAFKA, broker.process());
    }
  }

  /**
   * Kills a service this platform started, at once and without a graceful shutdown (SIGKILL, as a
   * crash or the OOM killer would), and waits until its port is free, so that a test can see the
   * other services and the killed one's store ride it out; {@link #startService(Component)} brings
   * it back. Does nothing when it is already stopped.
   *
   * @param component a service: package-service, inventory-service, campaign-service,
   *     notification-service, device-adapter or the gateway
   * @throws IllegalArgumentException when {@code component} is no service
   * @throws IllegalStateException when this platform did not start it (reused or off), or its port
   *     is still taken 30 s after the kill
   */
  public synchronized void stopService(Component component) {
    BootService service = ownService(component);
    service.process().kill();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (Ports.isListening(port(component))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            component.displayName()
                + "'s port "
                + port(component)
                + " is still taken after it was killed");
      }
      sleep(Duration.ofMillis(100));
    }
  }

  /**
   * Starts a service stopped by {@link #stopService(Component)} again: the same jar, port and
   * properties, its log rotated to {@code <name>.log.1}; waits until it is ready. When it runs,
   * only waits until it is ready.
   *
   * @throws IllegalArgumentException when {@code component} is no service
   * @throws IllegalStateException when this platform did not start it, was closed, or the service
   *     does not get ready within the readiness timeout (with the tail of its log)
   */
  public synchronized void startService(Component component) {
    BootService service = ownService(component);
    if (!service.process().isAlive()) {
      service = launchService(component, serviceProperties.get(component));
      warnOnUnexpectedExit(component, service.process());
    }
    service.awaitReady(settings.readinessTimeout);
  }

  private BootService ownService(Component component) {
    if (!SERVICES.contains(component)) {
      throw new IllegalArgumentException(component.displayName() + " is not a service");
    }
    BootService service = services.get(component);
    if (service == null || closed) {
      throw new IllegalStateException(
          "this platform did not start " + component.displayName() + ", or it was closed");
    }
    return service;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private KafkaBroker ownKafka() {
    KafkaBroker broker = kafka;
    if (broker == null || closed) {
      throw new IllegalStateException("this platform did not start Kafka, or it was closed");
    }
    return broker;
  }

  /** Stops what this instance started, services first. Idempotent; never throws. */
  @Override
  public void close() {
    closed = true;
    List<AutoCloseable> pieces;
    synchronized (started) {
      pieces = new ArrayList<>(started);
      started.clear();
    }
    if (!pieces.isEmpty() && settings.announceStop) {
      out.println("Stopping UpgradeHub ...");
    }
    // the devices say goodbye (offline status) while the device-adapter still listens
    LocalFleet devices = fleet;
    if (devices != null && pieces.remove(devices)) {
      devices.close();
    }
    // the services shut down side by side, while Kafka still serves their last sends
    children.forEach(
        (component, child) -> {
          if (component != Component.KAFKA) {
            child.requestStop();
          }
        });
    Collections.reverse(pieces);
    for (AutoCloseable piece : pieces) {
      try {
        piece.close();
      } catch (Exception e) {
        out.println("WARN  stopping " + piece + " failed: " + e.getMessage());
      }
    }
    if (!pieces.isEmpty() && settings.announceStop) {
      out.println("Stopped.");
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // already shutting down, or never registered
    }
  }

  /** What to run, where, and on which ports. Not thread-safe. */
  public static final class Builder {

    private Path root;
    private Path directory;
    private Path kafkaLib;
    private final Map<Component, Integer> ports = new EnumMap<>(Component.class);
    private final Map<Component, Path> jars = new EnumMap<>(Component.class);
    private final Map<Component, List<String>> properties = new EnumMap<>(Component.class);
    private Set<Component> components = EnumSet.allOf(Component.class);
    private int kafkaControllerPort = 9093;
    private final List<ApiKey> apiKeys = new ArrayList<>();
    private boolean adminKeyFile;
    private boolean seedDemoData;
    private int simulatedDevices;
    private Duration readinessTimeout = Duration.ofMinutes(3);
    private String serviceHeap = "384m";
    private String kafkaHeap = "512m";
    private String s3AccessKey = EmbeddedS3.DEFAULT_ACCESS_KEY;
    private String s3SecretKey = EmbeddedS3.DEFAULT_SECRET_KEY;
    private PrintStream out = System.out;
    private boolean announceStop;

    private Builder() {
      for (Component component : Component.values()) {
        ports.put(component, component.defaultPort());
      }
    }

    /** The repository whose build outputs to run; by default found above the working directory. */
    public Builder repositoryRoot(Path root) {
      this.root = root;
      return this;
    }

    /** Where data, logs and keys go; by default {@code <repository>/.local}. */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /** Kafka's jars; by default {@code platform/target/kafka-lib}. */
    public Builder kafkaLibDirectory(Path kafkaLib) {
      this.kafkaLib = kafkaLib;
      return this;
    }

    /** A service's Boot jar; by default {@code <module>/target/<module>.jar}. */
    public Builder serviceJar(Component component, Path jar) {
      jars.put(component, jar);
      return this;
    }

    public Builder port(Component component, int port) {
      ports.put(component, port);
      return this;
    }

    /** Free loopback ports for every piece, so that several platforms can run side by side. */
    public Builder freePorts() {
      List<Integer> free = Ports.free(Component.values().length + 1);
      for (Component component : Component.values()) {
        ports.put(component, free.get(component.ordinal()));
      }
      kafkaControllerPort = free.get(Component.values().length);
      return this;
    }

    /** Runs only these pieces; the others are expected elsewhere or not needed. */
    public Builder components(Set<Component> components) {
      this.components = EnumSet.copyOf(components);
      return this;
    }

    /** Configures the gateway to accept {@code key} (only its hash is passed on). */
    public Builder apiKey(ApiKey key) {
      apiKeys.add(key);
      return this;
    }

    /**
     * Keeps the local admin key's hash in {@code admin-key.sha256}, generating a key on first start
     * (see {@link Platform#generatedAdminKey()}).
     */
    public Builder adminKeyFile(boolean enabled) {
      this.adminKeyFile = enabled;
      return this;
    }

    /** Uploads the demo packages on the start that generated the admin key. */
    public Builder seedDemoData(boolean enabled) {
      this.seedDemoData = enabled;
      return this;
    }

    /**
     * Starts this many simulated devices of the demo products (see {@link LocalFleet}) once
     * everything is ready; they connect to the platform's MQTT broker and answer upgrades. Default
     * 0: none.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder simulatedDevices(int devices) {
      if (devices < 0) {
        throw new IllegalArgumentException("the number of simulated devices must not be negative");
      }
      this.simulatedDevices = devices;
      return this;
    }

    /** An extra Spring property for a service, as {@code key=value}. */
    public Builder property(Component component, String keyValue) {
      properties.computeIfAbsent(component, c -> new ArrayList<>()).add(keyValue);
      return this;
    }

    public Builder readinessTimeout(Duration timeout) {
      this.readinessTimeout = timeout;
      return this;
    }

    /** Maximum heap of each service JVM, such as {@code 384m}. */
    public Builder serviceHeap(String heap) {
      this.serviceHeap = heap;
      return this;
    }

    /** Maximum heap of the Kafka JVM, such as {@code 512m}. */
    public Builder kafkaHeap(String heap) {
      this.kafkaHeap = heap;
      return this;
    }

    /** The S3 credentials the embedded server accepts and package-service uses. */
    public Builder s3Credentials(String accessKey, String secretKey) {
      this.s3AccessKey = accessKey;
      this.s3SecretKey = secretKey;
      return this;
    }

    /** Where progress and warnings go; {@code System.out} by default. */
    public Builder output(PrintStream out) {
      this.out = out;
      return this;
    }

    /** Prints "Stopping ..." and "Stopped." around {@link Platform#close()} (the local run). */
    public Builder announceStop(boolean announce) {
      this.announceStop = announce;
      return this;
    }

    private List<String> properties(Component component) {
      return properties.getOrDefault(component, List.of());
    }

    /**
     * Starts every piece and waits until each is ready.
     *
     * @throws IllegalStateException when a piece does not come up; the message holds the tail of
     *     its log, and whatever had started is stopped again
     */
    public Platform start() {
      return new Platform(this).start();
    }
  }
}
