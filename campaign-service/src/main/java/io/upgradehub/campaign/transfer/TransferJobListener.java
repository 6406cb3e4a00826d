package io.upgradehub.campaign.transfer;

import io.upgradehub.campaign.job.Job;
import io.upgradehub.campaign.job.Jobs;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.events.jobs.JobTopics;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes transferred-in devices follow their jobs: reads this service's own job events (group {@code
 * campaign-service}) a poll at a time, and for those of transfer batches moves each device to the
 * state its job is in now, read from the store. Reading the job rather than the event makes the
 * order and repetition of events harmless; offsets are committed after a poll was applied.
 */
@Component
class TransferJobListener {

  private final Jobs jobs;
  private final TransferProgress progress;
  private final JsonMapper json;
  private final Clock clock;

  TransferJobListener(Jobs jobs, TransferProgress progress, JsonMapper json, Clock clock) {
    this.jobs = jobs;
    this.progress = progress;
    this.json = json;
    this.clock = clock;
  }

  @KafkaListener(
      id = "campaign-transfer-jobs",
      topics = JobTopics.JOB_EVENTS,
      batch = "true",
      properties = {"fetch.min.bytes=262144", "fetch.max.wait.ms=500"})
  void onJobEvents(List<ConsumerRecord<String, String>> records) {
    Set<String> jobIds = new LinkedHashSet<>();
    for (ConsumerRecord<String, String> record : records) {
      String jobId = transferJob(record.value());
      if (jobId != null) {
        jobIds.add(jobId);
      }
    }
    if (jobIds.isEmpty()) {
      return;
    }
    Map<String, Job> found = jobs.findAll(jobIds);
    TransferProgress.Moves moves = progress.moves();
    for (Job job : found.values()) {
      moves.move(
          job.batchId(),
          job.deviceName(),
          TransferDeviceState.of(job),
          job.id(),
          job.description(),
          clock.instant());
    }
    moves.apply();
  }

  /**
   * The job of a transfer batch an event is about; null for any other event or an unreadable one.
   */
  private @Nullable String transferJob(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      JsonNode envelope = json.readTree(value);
      JsonNode data = envelope.path("data");
      if (!JobStateChanged.TYPE.equals(envelope.path("type").asString(""))) {
        return null;
      }
      String batchId = data.path("batchId").asString("");
      String state = data.path("state").asString("");
      boolean step =
          state.equals(JobState.DOWNLOADING.name()) || state.equals(JobState.UPGRADING.name());
      return Transfers.isTransferId(batchId) && !step ? data.path("jobId").asString(null) : null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
