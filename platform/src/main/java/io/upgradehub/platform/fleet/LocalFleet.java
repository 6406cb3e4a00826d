package io.upgradehub.platform.fleet;

import io.upgradehub.simulator.Fleet;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated devices of the local run: a small fleet of the demo products, so that the console
 * has devices, a version distribution and answers to upgrades on first start. The first devices
 * carry the names of the seeded demo devices ({@code thermostat-001}, {@code gateway-001}, …); the
 * rest are reported by the devices themselves and auto-registered by inventory-service.
 *
 * <p>Devices start on a mix of versions that the demo packages upgrade from, answer {@code upgrade}
 * after about a second, take a few seconds per step, fail now and then (3 % download, 5 % install)
 * and a few never answer (for time-outs). With the platform's public key they download and verify
 * the packages; without one the download is a delay. Versions are chosen by a fixed seed, so a
 * restart brings the same fleet back (upgrades done before are not remembered).
 */
public final class LocalFleet implements AutoCloseable {

  /** One product's share of the fleet. */
  record Part(
      String productKey, String prefix, double share, Map<String, Map<String, Integer>> modules) {}

  static final List<Part> PARTS =
      List.of(
          new Part(
              "demo-thermostat",
              "thermostat-",
              0.6,
              Map.of("default", versions("1.0.0", 2, "1.1.0", 5, "1.2.0", 3))),
          new Part(
              "demo-gateway",
              "gateway-",
              0.4,
              orderedMap(
                  "default", versions("3.0.0", 3, "3.0.1", 1),
                  "mcu", versions("1.9.0", 2, "2.0.0", 3, "2.0.1", 1))));

  private final List<Fleet> fleets;

  private LocalFleet(List<Fleet> fleets) {
    this.fleets = fleets;
  }

  /**
   * Builds the fleet and starts connecting it; returns at once.
   *
   * @param broker the MQTT broker, {@code tcp://host:port}
   * @param devices how many devices in all, split over the demo products (60 % thermostats)
   * @param publicKey the platform's signing key (base64 X.509) to download and verify packages
   *     with, or null to simulate downloads
   * @throws IllegalArgumentException when {@code devices} is not positive
   */
  public static LocalFleet start(URI broker, int devices, String publicKey) {
    if (devices <= 0) {
      throw new IllegalArgumentException("a fleet needs at least one device");
    }
    List<Fleet> fleets = new ArrayList<>();
    int left = devices;
    for (int i = 0; i < PARTS.size(); i++) {
      Part part = PARTS.get(i);
      int count =
          i == PARTS.size() - 1 ? left : Math.min(left, (int) Math.round(devices * part.share()));
      left -= count;
      if (count == 0) {
        continue;
      }
      Fleet.Builder builder =
          Fleet.builder()
              .broker(broker)
              .productKey(part.productKey())
              .prefix(part.prefix())
              .numbering(1, 3)
              .count(count)
              .connectRate(200)
              .requestOnConnect(true)
              .latency(Duration.ofSeconds(1))
              .stepDelay(Duration.ofSeconds(2))
              .downloadTime(Duration.ofSeconds(3))
              .failureRate(-1, 0.03)
              .failureRate(-3, 0.05)
              .silentShare(0.04)
              .downloadThreads(2)
              .nettyThreads(2)
              .seed(part.productKey().hashCode());
      part.modules().forEach(builder::module);
      if (publicKey != null) {
        builder.verifyDownloads(publicKey);
      }
      fleets.add(builder.build());
    }
    LocalFleet fleet = new LocalFleet(List.copyOf(fleets));
    fleets.forEach(Fleet::start);
    return fleet;
  }

  /** Device names by product, in connect order. */
  public Map<String, List<String>> deviceNames() {
    Map<String, List<String>> names = new LinkedHashMap<>();
    for (int i = 0; i < fleets.size(); i++) {
      names.put(PARTS.get(i).productKey(), fleets.get(i).deviceNames());
    }
    return names;
  }

  /** How many devices are connected now. */
  public long connected() {
    return fleets.stream().mapToLong(fleet -> fleet.stats().connected()).sum();
  }

  /** How many devices there are. */
  public int size() {
    return fleets.stream().mapToInt(fleet -> fleet.stats().devices()).sum();
  }

  /** Disconnects every device cleanly (offline status, then DISCONNECT). */
  @Override
  public void close() {
    fleets.forEach(Fleet::close);
  }

  @Override
  public String toString() {
    return "simulated fleet of " + size() + " devices";
  }

  private static Map<String, Integer> versions(Object... versionsAndWeights) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (int i = 0; i < versionsAndWeights.length; i += 2) {
      weights.put((String) versionsAndWeights[i], (Integer) versionsAndWeights[i + 1]);
    }
    return weights;
  }

  private static Map<String, Map<String, Integer>> orderedMap(
      String firstModule,
      Map<String, Integer> first,
      String secondModule,
      Map<String, Integer> second) {
    Map<String, Map<String, Integer>> modules = new LinkedHashMap<>();
    modules.put(firstModule, first);
    modules.put(secondModule, second);
    return modules;
  }
}
