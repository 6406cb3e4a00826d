package io.upgradehub.notification.delivery;

import io.upgradehub.events.batches.BatchState;
import io.upgradehub.events.batches.BatchStateChanged;
import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.batches.TransferDecided;
import io.upgradehub.events.batches.TransferDeviceEnded;
import io.upgradehub.events.batches.TransferEnded;
import io.upgradehub.events.jobs.JobState;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.notification.system.IncomingEvents;
import io.upgradehub.notification.webhook.MessageType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns campaign-service's batch, transfer and job events into webhook messages, a poll at a time:
 * the poll's records are stored (and its offsets committed by the container) only together, so a
 * stop loses none and a repeated poll stores nothing twice. A record that cannot be read, or of a
 * type or state that makes no message, is skipped ({@link IncomingEvents}).
 */
@Component
class CampaignEventListener {

  private final Fanout fanout;
  private final IncomingEvents events;

  CampaignEventListener(Fanout fanout, IncomingEvents events) {
    this.fanout = fanout;
    this.events = events;
  }

  @KafkaListener(topics = BatchTopics.BATCH_EVENTS, batch = "true")
  void onBatchEvents(List<ConsumerRecord<String, String>> records) {
    List<Message> messages = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      // read once: an unreadable record is skipped, and counted, once
      events.read(record).flatMap(this::batchMessage).ifPresent(messages::add);
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

  /**
   * The message of a batch or transfer event; empty for another type (verification changes share
   * the batch topic).
   */
  private Optional<Message> batchMessage(IncomingEvents.Incoming event) {
    return switch (event.type()) {
      case BatchStateChanged.TYPE ->
          events.data(event, BatchStateChanged.class).flatMap(this::message);
      case TransferDecided.TYPE -> events.data(event, TransferDecided.class).flatMap(this::message);
      case TransferDeviceEnded.TYPE ->
          events.data(event, TransferDeviceEnded.class).flatMap(this::message);
      case TransferEnded.TYPE -> events.data(event, TransferEnded.class).flatMap(this::message);
      default -> Optional.empty();
    };
  }

  private Optional<Message> message(BatchStateChanged e) {
    if (e.batchId() == null || e.packageId() == null || e.state() == null || e.at() == null) {
      return events.skip("invalid", "batch event without batchId, packageId, state or at");
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

  private Optional<Message> message(TransferDecided e) {
    if (e.transferId() == null || e.packageId() == null || e.action() == null || e.at() == null) {
      return events.skip("invalid", "transfer event without transferId, packageId, action or at");
    }
    MessageType type =
        switch (e.action()) {
          case "ACCEPT" -> MessageType.TRANSFER_ACCEPTED;
          case "REJECT" -> MessageType.TRANSFER_REJECTED;
          default -> null;
        };
    if (type == null) {
      return events.skip("invalid", "transfer event with an unknown action " + e.action());
    }
    Map<String, Object> data =
        transferData(
            e.transferId(),
            e.packageId(),
            e.productKey(),
            e.module(),
            e.startVersion(),
            e.targetVersion());
    data.put("all", e.all());
    data.put("changed", e.changed());
    data.put("counts", e.counts() == null ? Map.of() : e.counts());
    data.put("status", e.status());
    data.put("by", e.by());
    data.put("at", e.at().toString());
    return Optional.of(
        new Message(
            "transfer/" + e.transferId() + "/" + e.action() + "/" + e.at().toEpochMilli(),
            type,
            e.packageId(),
            e.transferId(),
            null,
            e.at(),
            data));
  }

  private Optional<Message> message(TransferDeviceEnded e) {
    if (e.transferId() == null
        || e.packageId() == null
        || e.deviceName() == null
        || e.state() == null
        || e.at() == null) {
      return events.skip(
          "invalid",
          "transfer device event without transferId, packageId, deviceName, state or at");
    }
    MessageType type =
        switch (e.state()) {
          case "SUCCEEDED" -> MessageType.TRANSFER_DEVICE_SUCCEEDED;
          case "FAILED" -> MessageType.TRANSFER_DEVICE_FAILED;
          case "CANCELED" -> MessageType.TRANSFER_DEVICE_CANCELED;
          default -> null;
        };
    if (type == null) {
      return events.skip("invalid", "transfer device event with an unknown state " + e.state());
    }
    Map<String, Object> data =
        transferData(
            e.transferId(),
            e.packageId(),
            e.productKey(),
            e.module(),
            e.startVersion(),
            e.targetVersion());
    data.put("deviceName", e.deviceName());
    data.put("state", e.state());
    data.put("jobId", e.jobId());
    data.put("description", e.description());
    data.put("at", e.at().toString());
    return Optional.of(
        new Message(
            "transfer/" + e.transferId() + "/device/" + e.deviceName(),
            type,
            e.packageId(),
            e.transferId(),
            e.deviceName(),
            e.at(),
            data));
  }

  private Optional<Message> message(TransferEnded e) {
    if (e.transferId() == null || e.packageId() == null || e.status() == null || e.at() == null) {
      return events.skip("invalid", "transfer end without transferId, packageId, status or at");
    }
    MessageType type =
        switch (e.status()) {
          case "COMPLETED" -> MessageType.TRANSFER_COMPLETED;
          case "CANCELED" -> MessageType.TRANSFER_CANCELED;
          default -> null;
        };
    if (type == null) {
      return events.skip("invalid", "transfer end with an unknown status " + e.status());
    }
    Map<String, Object> data =
        transferData(
            e.transferId(),
            e.packageId(),
            e.productKey(),
            e.module(),
            e.startVersion(),
            e.targetVersion());
    data.put("status", e.status());
    data.put("counts", e.counts() == null ? Map.of() : e.counts());
    data.put("at", e.at().toString());
    return Optional.of(
        new Message(
            "transfer/" + e.transferId() + "/" + e.status(),
            type,
            e.packageId(),
            e.transferId(),
            null,
            e.at(),
            data));
  }

  /** What every transfer message's data begins with: the transfer and its upgrade. */
  private static Map<String, Object> transferData(
      String transferId,
      String packageId,
      String productKey,
      String module,
      String startVersion,
      String targetVersion) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("transferId", transferId);
    data.put("packageId", packageId);
    data.put("productKey", productKey);
    data.put("module", module);
    data.put("startVersion", startVersion);
    data.put("targetVersion", targetVersion);
    return data;
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
      return events.skip(
          "invalid", "job event without jobId, batchId, packageId, deviceName or at");
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
   * The record's data as {@code type}; empty for another type and for a record that cannot be read.
   */
  private <T> Optional<T> read(ConsumerRecord<String, String> record, String type, Class<T> data) {
    return events
        .read(record)
        .filter(e -> type.equals(e.type()))
        .flatMap(e -> events.data(e, data));
  }
}
