package io.upgradehub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.devices.UpgradeCommand;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.simulator.Fleet;
import io.upgradehub.simulator.FleetStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * campaign-service killed in the middle of a batch (SIGKILL: no graceful shutdown, whatever it had
 * not stored is lost) and started again: the batch goes on from its store and ends as an
 * uninterrupted run ends, every device upgraded once. While it is away the devices in flight finish
 * and report; their reports wait in Kafka for it.
 *
 * <p>"Once" is checked where it shows: each device has one job, in attempt 1, in the batch's device
 * list; campaign-service published one upgrade command per device (one event id, so the device got
 * one {@code upgrade} message, a re-delivered one being the same message to it) and job events of
 * one job and attempt; the devices took one upgrade each; inventory-service counted one.
 *
 * <p>A kill between two of campaign-service's writes is tested apart, with the store put in the
 * state such a kill leaves.
 *
 * <p>The platform is shared with the other end-to-end tests of the JVM, so campaign-service is
 * started again whatever happens here.
 */
class CampaignRestartIntegrationTests {

  private static final int DEVICES = 40;
  // 2 devices a second: the batch takes 20 s to start them all, long enough to stop in between
  private static final int RATE_PER_MINUTE = 120;
  private static final Duration OUTAGE = Duration.ofSeconds(3);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static Platform platform;
  private static Api api;
  private static Campaigns campaigns;

  @BeforeAll
  static void startPlatform() {
    platform = E2ePlatform.platform();
    api = E2ePlatform.api();
    campaigns = new Campaigns(platform, api);
  }

  @Test
  void aBatchGoesOnAfterCampaignServiceWasKilledAndEveryDeviceIsUpgradedOnce() {
    assumeTrue(
        platform.isStarted(Component.CAMPAIGN_SERVICE), "campaign-service is not this platform's");
    String product = campaigns.registeredProduct("e2e-restart-");
    String packageId = campaigns.uploadedPackage(product);
    try (Fleet fleet = campaigns.fleet(product, DEVICES, Duration.ofMillis(500))) {
      fleet.start();
      List<String> devices = fleet.deviceNames();
      campaigns.awaitInventoryVersions(product, devices, Campaigns.FROM);
      assertThat(campaigns.skippedVerification(packageId).path("status").asString())
          .isEqualTo("VERIFY_SKIPPED");

      String batchId = campaigns.createdBatch(packageId, Campaigns.batchOfAll(RATE_PER_MINUTE));

      JsonNode[] atKill = {null};
      Campaigns.await(
          TIMEOUT,
          () -> {
            atKill[0] = campaigns.batch(batchId);
            return started(atKill[0]) >= DEVICES / 3;
          },
          () -> "a third of the batch to start; last seen: " + atKill[0]);
      long begin = System.nanoTime();
      try {
        platform.stopService(Component.CAMPAIGN_SERVICE);
        System.out.println(
            "campaign-service killed with " + started(atKill[0]) + " jobs started: " + atKill[0]);
        Campaigns.sleep(OUTAGE.toMillis());
      } finally {
        platform.startService(Component.CAMPAIGN_SERVICE);
      }
      System.out.println(
          "campaign-service back after " + Duration.ofNanos(System.nanoTime() - begin));
      assertThat(started(atKill[0])).as("started before the kill").isLessThan(DEVICES);

      JsonNode batch = campaigns.awaitBatchState(batchId, "COMPLETED", TIMEOUT);

      // as an uninterrupted run ends
      assertThat(batch.path("planning").path("done").asBoolean()).isTrue();
      assertThat(batch.path("planning").path("jobs").asLong()).isEqualTo(DEVICES);
      assertThat(Campaigns.jobCounts(batch)).containsEntry("SUCCEEDED", (long) DEVICES);
      assertThat(Campaigns.jobCounts(batch).values().stream().mapToLong(Long::longValue).sum())
          .as("jobs by state: %s", batch.path("jobs"))
          .isEqualTo(DEVICES);
      List<JsonNode> jobs = campaigns.batchJobs(batchId);
      assertThat(jobs)
          .extracting(job -> job.path("deviceName").asString())
          .containsExactlyInAnyOrderElementsOf(devices);
      assertThat(jobs)
          .allSatisfy(
              job -> {
                assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
                assertThat(job.path("attempt").asInt()).isEqualTo(1);
              });

      campaigns.awaitInventoryVersions(product, devices, Campaigns.TARGET);
      Campaigns.await(
          TIMEOUT,
          () -> campaigns.totalUpgrades(product).values().stream().allMatch(n -> n == 1),
          () -> "one upgrade counted per device; counted " + campaigns.totalUpgrades(product));
      assertThat(campaigns.totalUpgrades(product)).containsOnlyKeys(devices);

      // one command per device: one job, one event id (the device's message id)
      Map<String, Set<String>> commandIds = new TreeMap<>();
      Map<String, Set<String>> commandJobs = new TreeMap<>();
      for (ConsumerRecord<String, String> record :
          campaigns.readToEnd(DeviceTopics.DEVICE_COMMANDS, product)) {
        JsonNode envelope = Api.JSON.readTree(record.value());
        if (UpgradeCommand.TYPE.equals(envelope.path("type").asString())) {
          String device = envelope.path("data").path("deviceName").asString();
          commandIds
              .computeIfAbsent(device, d -> new TreeSet<>())
              .add(envelope.path("id").asString());
          commandJobs
              .computeIfAbsent(device, d -> new TreeSet<>())
              .add(envelope.path("data").path("jobId").asString());
        }
      }
      assertThat(commandJobs)
          .containsOnlyKeys(devices)
          .allSatisfy((d, ids) -> assertThat(ids).hasSize(1));
      assertThat(commandIds)
          .as("upgrade commands' event ids per device")
          .allSatisfy((device, ids) -> assertThat(ids).hasSize(1));

      // job events: per device one job, attempt 1 only, ended SUCCEEDED and nothing else
      Map<String, Set<String>> jobStates = new TreeMap<>();
      for (ConsumerRecord<String, String> record :
          campaigns.readToEnd(JobTopics.JOB_EVENTS, product)) {
        JsonNode envelope = Api.JSON.readTree(record.value());
        if (JobStateChanged.TYPE.equals(envelope.path("type").asString())) {
          JsonNode event = envelope.path("data");
          jobStates
              .computeIfAbsent(event.path("deviceName").asString(), d -> new TreeSet<>())
              .add(
                  event.path("jobId").asString()
                      + " #"
                      + event.path("attempt").asInt()
                      + " "
                      + event.path("state").asString());
        }
      }
      assertThat(jobStates).containsOnlyKeys(devices);
      jobStates.forEach(
          (device, states) -> {
            String job = commandJobs.get(device).iterator().next();
            assertThat(states)
                .as("job events of %s", device)
                .allMatch(state -> state.startsWith(job + " #1 "))
                .contains(job + " #1 SUCCEEDED")
                .noneMatch(state -> state.matches(".* (FAILED|TIMED_OUT|CANCELED)"));
          });

      FleetStats stats = fleet.stats();
      System.out.println("fleet after the batch: " + stats);
      assertThat(stats.upgradesSucceeded()).isEqualTo(DEVICES);
      assertThat(stats.upgradesFailed()).isZero();
      assertThat(stats.upgradesCancelled()).isZero();
    }
  }

  /**
   * The window between two writes: campaign-service stores a job's new state in one write and moves
   * its batch's counts by it in a second. Killed in between, the job is stored {@code SUCCEEDED}
   * while the batch still counts it {@code UPGRADING}; the device's report comes again after the
   * restart (its offset was not committed) but changes the job no more, so nothing moves the count.
   * The window is a few milliseconds wide and a kill hits it only by chance, so this test kills
   * campaign-service and then leaves its store as such a kill would: one {@code SUCCEEDED} counted
   * as {@code UPGRADING}. The batch must still end {@code COMPLETED} with every job counted right.
   */
  @Test
  void aBatchCompletesWhenAKillLostTheCountOfAJobThatEnded() {
    assumeTrue(
        platform.isStarted(Component.CAMPAIGN_SERVICE), "campaign-service is not this platform's");
    int devices = 10;
    String product = campaigns.registeredProduct("e2e-window-");
    String packageId = campaigns.uploadedPackage(product);
    try (Fleet fleet = campaigns.fleet(product, devices, Duration.ofMillis(200))) {
      fleet.start();
      campaigns.awaitInventoryVersions(product, fleet.deviceNames(), Campaigns.FROM);
      campaigns.skippedVerification(packageId);
      String batchId = campaigns.createdBatch(packageId, Campaigns.batchOfAll(60));
      JsonNode[] seen = {null};
      Campaigns.await(
          TIMEOUT,
          () -> {
            seen[0] = campaigns.batch(batchId);
            return Campaigns.jobCounts(seen[0]).getOrDefault("SUCCEEDED", 0L) >= 1;
          },
          () -> "a job of the batch to succeed; last seen: " + seen[0]);

      try {
        platform.stopService(Component.CAMPAIGN_SERVICE);
        try (MongoClient mongo = MongoClients.create(platform.mongoUri("campaigns"))) {
          long moved =
              mongo
                  .getDatabase("campaigns")
                  .getCollection("batches")
                  .updateOne(
                      Filters.and(Filters.eq("_id", batchId), Filters.gte("counts.SUCCEEDED", 1)),
                      Updates.combine(
                          Updates.inc("counts.SUCCEEDED", -1L),
                          Updates.inc("counts.UPGRADING", 1L)))
                  .getModifiedCount();
          assertThat(moved).as("batch %s's counts in the store", batchId).isEqualTo(1);
        }
      } finally {
        platform.startService(Component.CAMPAIGN_SERVICE);
      }

      JsonNode batch;
      try {
        batch = campaigns.awaitBatchState(batchId, "COMPLETED", Duration.ofSeconds(60));
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage()
                + "; its jobs: "
                + campaigns.batchJobs(batchId).stream()
                    .map(job -> job.path("deviceName").asString() + " " + job.path("state"))
                    .toList(),
            e);
      }
      assertThat(Campaigns.jobCounts(batch)).containsEntry("SUCCEEDED", (long) devices);
      assertThat(Campaigns.jobCounts(batch).values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(devices);
    }
  }

  /** Jobs that left {@code QUEUED}: started, running or ended. */
  private static long started(JsonNode batch) {
    Map<String, Long> counts = Campaigns.jobCounts(batch);
    return counts.values().stream().mapToLong(Long::longValue).sum()
        - counts.getOrDefault("QUEUED", 0L);
  }
}
