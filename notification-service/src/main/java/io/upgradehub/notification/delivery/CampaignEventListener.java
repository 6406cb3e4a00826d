package io.upgradehub.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.batches.BatchStateChanged;
import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.notification.webhook.MessageType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns campaign-service's batch and job events into webhook messages, a poll at a time: the poll's
 * records are stored (and its offsets committed by the container) only together, so a stop loses
 * none and a repeated poll stores nothing twice. A record that cannot be read, or of a type or
 * state that makes no message, is counted in {@value #SKIPPED} and skipped.
 */
@Component
class CampaignEventListener {

  static final String SKIPPED = "upgradehub.notifications.events.skipped";
  private static final Logger log = LoggerFactory.getLogger(CampaignEventListener.class);

  private final Fanout fanout;
  private final JsonMapper json;
  private final MeterRegistry meters;

  CampaignEventListener(Fanout fanout, JsonMapper json, MeterRegistry meters) {
    this.fanout = fanout;
    this.json = json;
    this.meters = meters;
  }

  @KafkaListener(topics = BatchTopics.BATCH_EVENTS, batch = "true")
  void onBatchEvents(List<ConsumerRecord<String, String>> records) {
    List<Message> messages = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      read(record, BatchStateChanged.TYPE, BatchStateChanged.class)
          .flatMap(this::message)
          .ifPresent(messages::add);
    }
    fanout.publish(messages);
  }

  @KafkaListener(topics = JobTopics.JOB_EVENTS, batch = "true")
  void onJobEvents(List<ConsumerRecord<String, String>> records) {
    List<Message> messages = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      read(record, JobStateChanged.TYPE, JobStateChanged.class)
          .flatMap(this::message)
          .ifPresent(messages::add);
    }
    fanout.publish(messages);
  }

  private Optional<Message> message(BatchStateChanged e) {
    if (e.batchId() == null || e.packageId() == null || e.state() == null || e.at() == null) {
      return skip("invalid", "batch event without batchId, packageId, state or at");
    }
    MessageType type =
        switch (e.state()) {
          case RUNNING ->
              e.previousState() == BatchState.PAUSED
                  ? MessageType.BATCH_RESUMED
                  : MessageType.BATCH_STARTED;
          case PAUSED -> e.abortRule() ? MessageType.BATCH_ABORTED : MessageType.BATCH_PAUSED;
          case COMPLETED -> MessageType.BATCH_FINISHED;
          case CANCELED -> MessageType.BATCH_CANCELED;
          case SCHEDULED -> null;
        };
    if (type == null) {
      return Optional.empty();
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("batchId", e.batchId());
    data.put("kind", e.kind());
    data.put("packageId", e.packageId());
    data.put("productKey", e.productKey());
    data.put("module", e.module());
    data.put("targetVersion", e.targetVersion());
    data.put("state", e.state().name());
    data.put("jobs", e.jobs() == null ? Map.of() : e.jobs());
    data.put("reason", e.reason());
    data.put("at", e.at().toString());
    return Optional.of(
        new Message(
            "batch/" + e.batchId() + "/" + e.state() + "/" + e.at().toEpochMilli(),
            type,
            e.packageId(),
            e.batchId(),
            null,
            e.at(),
            data));
  }

  private Optional<Message> message(JobStateChanged e) {
    if (e.state() == null
        || !(e.state() == JobState.SUCCEEDED
            || e.state() == JobState.FAILED
            || e.state() == JobState.TIMED_OUT)) {
      return Optional.empty();
    }
    if (e.jobId() == null
        || e.batchId() == null
        || e.packageId() == null
        || e.deviceName() == null
        || e.at() == null) {
      return skip("invalid", "job event without jobId, batchId, packageId, deviceName or at");
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("batchId", e.batchId());
    data.put("jobId", e.jobId());
    data.put("packageId", e.packageId());
    data.put("productKey", e.productKey());
    data.put("deviceName", e.deviceName());
    data.put("module", e.module());
    data.put("fromVersion", e.fromVersion());
    data.put("targetVersion", e.targetVersion());
    data.put("state", e.state().name());
    data.put("attempt", e.attempt());
    data.put("failureCode", e.failureCode());
    data.put("description", e.description());
    data.put("at", e.at().toString());
    return Optional.of(
        new Message(
            "job/" + e.jobId() + "/" + e.attempt() + "/" + e.state(),
            e.state() == JobState.SUCCEEDED
                ? MessageType.DEVICE_SUCCEEDED
                : MessageType.DEVICE_FAILED,
            e.packageId(),
            e.batchId(),
            e.deviceName(),
            e.at(),
            data));
  }

  /**
   * The record's data as {@code type}; empty (and counted) for another type or an unreadable one.
   */
  private <T> Optional<T> read(ConsumerRecord<String, String> record, String type, Class<T> data) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    if (record.value() == null) {
      return skip("unreadable", where + ": no value");
    }
    try {
      JsonNode envelope = json.readTree(record.value());
      if (!type.equals(envelope.path("type").asString(""))) {
        // another type on the topic (verification changes on the batch topic): not a message
        return Optional.empty();
      }
      JsonNode node = envelope.get("data");
      if (node == null || !node.isObject()) {
        return skip("unreadable", where + ": no data");
      }
      return Optional.of(json.treeToValue(node, data));
    } catch (JacksonException e) {
      return skip("unreadable", where + ": " + e.getOriginalMessage());
    }
  }

  private <T> Optional<T> skip(String reason, String why) {
    meters.counter(SKIPPED, "reason", reason).increment();
    log.warn("Skipped an event ({}): {}", reason, why);
    return Optional.empty();
  }
}
