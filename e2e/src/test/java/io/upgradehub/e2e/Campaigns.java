package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.platform.Platform;
import io.upgradehub.simulator.Fleet;
import io.upgradehub.simulator.SigningKey;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * The steps of a campaign as an operator and a fleet go through them, through the gateway: a
 * product and its FULL package 2.0.0 for 1.0.0, simulated devices on 1.0.0 known to the inventory,
 * batches and their progress. Every wait polls with a deadline.
 */
final class Campaigns {

  static final String FROM = "1.0.0";
  static final String TARGET = "2.0.0";

  private final Platform platform;
  private final Api api;

  Campaigns(Platform platform, Api api) {
    this.platform = platform;
    this.api = api;
  }

  /** A product of its own, known to the device-adapter; its key starts with {@code prefix}. */
  String registeredProduct(String prefix) {
    String product = prefix + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = api.registerProduct(E2ePlatform.ADMIN, product);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    AdapterProbe.awaitKnows(platform, product);
    return product;
  }

  /** Uploads a FULL package of {@link #TARGET} for {@link #FROM}; returns its id. */
  String uploadedPackage(String product) {
    byte[] firmware =
        ("UpgradeHub e2e firmware " + TARGET + " " + product).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> uploaded =
        api.uploadOnceProductKnown(
            E2ePlatform.ADMIN,
            new Api.Metadata(
                "Firmware " + TARGET, "FULL", product, null, TARGET, List.of(FROM), null),
            firmware);
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    return Api.json(uploaded).path("id").asString();
  }

  /**
   * {@code count} devices {@code dev-00…} on {@link #FROM} that download and verify the real
   * package; not started.
   */
  Fleet fleet(String product, int count, Duration stepDelay) {
    return fleetBuilder(product, count, stepDelay).build();
  }

  /** What {@link #fleet} builds, for a test to add to (failures, say). */
  Fleet.Builder fleetBuilder(String product, int count, Duration stepDelay) {
    String publicKey =
        SigningKey.fetch(
            platform.packageServiceUrl().resolve("/api/v1/packages/signing-key"), null);
    return Fleet.builder()
        .broker(platform.mqttUri())
        .productKey(product)
        .prefix("dev-")
        .numbering(0, 2)
        .count(count)
        .module("default", FROM)
        .verifyDownloads(publicKey)
        .stepDelay(stepDelay)
        .downloadThreads(4)
        .nettyThreads(2);
  }

  /** Waits until the inventory lists each of {@code devices} on {@code version}. */
  void awaitInventoryVersions(String product, List<String> devices, String version) {
    await(
        Duration.ofSeconds(90),
        () -> {
          Map<String, String> versions = inventoryVersions(product);
          return devices.stream().allMatch(device -> version.equals(versions.get(device)));
        },
        "the inventory to list " + devices.size() + " devices of " + product + " on " + version);
  }

  /** Device name → version of module {@code default} as the inventory lists them. */
  Map<String, String> inventoryVersions(String product) {
    Map<String, String> versions = new TreeMap<>();
    forEachInventoryDevice(
        product,
        device ->
            versions.put(
                device.path("deviceName").asString(),
                device.path("moduleFirmwareVersion").asString(null)));
    return versions;
  }

  /** Calls {@code action} with every device of the product in the inventory, page by page. */
  void forEachInventoryDevice(String product, Consumer<JsonNode> action) {
    for (int page = 0; ; page++) {
      HttpResponse<String> response =
          api.get(
              "/api/v1/products/" + product + "/devices?size=100&page=" + page, E2ePlatform.VIEWER);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = Api.json(response);
      body.path("items").values().forEach(action);
      if ((long) (page + 1) * 100 >= body.path("total").asLong()) {
        return;
      }
    }
  }

  /**
   * POSTs to a package's campaign path again while campaign-service answers 404 {@code
   * PACKAGE_NOT_FOUND}: it learns a new package from package-service's events on Kafka. Returns the
   * first other answer, or the last after 60 s.
   */
  HttpResponse<String> postOncePackageKnown(String path, String json) {
    return postWhile(
        path, json, r -> r.statusCode() == 404 && r.body().contains("\"PACKAGE_NOT_FOUND\""));
  }

  /**
   * POSTs again while {@code notYet} holds for the answer (something the platform learns from
   * events has not arrived); the first other answer, or the last after 60 s.
   */
  HttpResponse<String> postWhile(String path, String json, Predicate<HttpResponse<String>> notYet) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      HttpResponse<String> response = api.postJson(path, E2ePlatform.ADMIN, json);
      if (!notYet.test(response) || System.nanoTime() > deadline) {
        return response;
      }
      sleep(250);
    }
  }

  /**
   * POSTs a transfer once campaign-service knows its package (it learns new packages from
   * package-service's events, and refuses a transfer without one as {@code NO_PACKAGE}).
   */
  HttpResponse<String> postTransfer(String json) {
    return postWhile(
        "/api/v1/transfers",
        json,
        r -> r.statusCode() == 422 && r.body().contains("\"NO_PACKAGE\""));
  }

  /** Skips the package's verification once campaign-service knows it; its answer's body. */
  JsonNode skippedVerification(String packageId) {
    HttpResponse<String> skipped =
        postOncePackageKnown("/api/v1/packages/" + packageId + "/verifications/skip", "{}");
    assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
    return Api.json(skipped);
  }

  /** Creates a batch upgrade of the package from {@code json}; the new batch's id. */
  String createdBatch(String packageId, String json) {
    HttpResponse<String> created =
        api.postJson("/api/v1/packages/" + packageId + "/batches", E2ePlatform.ADMIN, json);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Api.json(created).path("id").asString();
  }

  /** A STATIC batch of every device of the product on {@link #FROM}, PUSH, no retry. */
  static String batchOfAll(int ratePerMinute) {
    return Api.JSON.writeValueAsString(
        Map.of(
            "fromVersions",
            List.of(FROM),
            "strategy",
            "STATIC",
            "scope",
            Map.of("type", "ALL"),
            "ratePerMinute",
            ratePerMinute,
            "retry",
            Map.of("count", 0, "intervalSeconds", 300),
            "timeoutMinutes",
            10,
            "mode",
            "PUSH"));
  }

  JsonNode batch(String batchId) {
    HttpResponse<String> response = api.get("/api/v1/batches/" + batchId, E2ePlatform.VIEWER);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Api.json(response);
  }

  /** Waits until the batch is in {@code state}; returns it then. */
  JsonNode awaitBatchState(String batchId, String state, Duration timeout) {
    JsonNode[] last = {null};
    await(
        timeout,
        () -> {
          last[0] = batch(batchId);
          return state.equals(last[0].path("state").asString());
        },
        () -> "batch " + batchId + " to be " + state + "; last seen: " + last[0]);
    return last[0];
  }

  /** The batch's jobs by state, from its {@code jobs}. */
  static Map<String, Long> jobCounts(JsonNode batch) {
    Map<String, Long> counts = new TreeMap<>();
    batch.path("jobs").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asLong()));
    return counts;
  }

  /** Every job of the batch, from its device list. */
  List<JsonNode> batchJobs(String batchId) {
    List<JsonNode> jobs = new ArrayList<>();
    for (int page = 0; ; page++) {
      HttpResponse<String> response =
          api.get(
              "/api/v1/batches/" + batchId + "/devices?size=100&page=" + page, E2ePlatform.VIEWER);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode body = Api.json(response);
      jobs.addAll(body.path("items").values());
      if ((long) (page + 1) * 100 >= body.path("total").asLong()) {
        return jobs;
      }
    }
  }

  /** The device's jobs, as {@code GET /api/v1/devices/{product}/{device}/jobs} lists them. */
  List<JsonNode> deviceJobs(String product, String device) {
    HttpResponse<String> response =
        api.get("/api/v1/devices/" + product + "/" + device + "/jobs", E2ePlatform.VIEWER);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Api.json(response).path("items").values().stream().toList();
  }

  /**
   * Every record of {@code topic} whose key (a device, {@code product/name}) is of {@code product},
   * from the start to the end the topic has now, in partition order.
   */
  List<ConsumerRecord<String, String>> readToEnd(String topic, String product) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("could not read " + topic + " to its end " + ends);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.key() != null && record.key().startsWith(product + "/")) {
            records.add(record);
          }
        }
      }
    }
    return records;
  }

  /** {@code totalUpgrades} of each device of the product that reported a version (no probe). */
  Map<String, Long> totalUpgrades(String product) {
    Map<String, Long> counted = new TreeMap<>();
    forEachInventoryDevice(
        product,
        device -> {
          if (device.path("moduleFirmwareVersion").isString()) {
            counted.put(
                device.path("deviceName").asString(), device.path("totalUpgrades").asLong());
          }
        });
    return counted;
  }

  static void await(Duration timeout, BooleanSupplier condition, String what) {
    await(timeout, condition, () -> what);
  }

  static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still waiting after " + timeout + " for " + what.get());
      }
      sleep(250);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
