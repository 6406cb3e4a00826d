package io.upgradehub.campaign.system;

import com.mongodb.client.MongoCollection;
import io.upgradehub.events.batches.BatchTopics;
import io.upgradehub.events.devices.DeviceTopics;
import io.upgradehub.events.jobs.JobTopics;
import io.upgradehub.events.packages.PackageTopics;
import io.upgradehub.outbox.OutboxConfiguration;
import io.upgradehub.outbox.OutboxSource;
import org.apache.kafka.clients.admin.NewTopic;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What this service publishes and reads, and how its listeners treat a failure.
 *
 * <p><b>Publishing:</b> every change keeps its events in the changed document (the outbox): a job's
 * job events and device commands (each entry names its topic, keyed by the device), a batch's state
 * events, a package's verification events. The relay sends them (acks=all, idempotent producer) and
 * then removes them.
 *
 * <p><b>Listening:</b> a record that cannot be read is skipped by the listener; what reaches the
 * error handler is a failure to apply a readable one (the store away), retried with a growing pause
 * and never skipped, so no report is lost; offsets are committed after a poll was applied.
 */
@Configuration(proxyBeanMethods = false)
@Import(OutboxConfiguration.class)
class KafkaConfiguration {

  @Bean
  CommonErrorHandler kafkaErrorHandler() {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(30_000);
    return new DefaultErrorHandler(backOff);
  }

  /** Jobs: their job events and device commands, each entry to its own topic, keyed by device. */
  @Bean
  OutboxSource jobOutbox(MongoCollection<Document> jobCollection) {
    return new OutboxSource(JobTopics.SOURCE, jobCollection, JobTopics.JOB_EVENTS);
  }

  /** Batches: their state events, keyed by batch. */
  @Bean
  OutboxSource batchOutbox(MongoCollection<Document> batchCollection) {
    return new OutboxSource(BatchTopics.SOURCE, batchCollection, BatchTopics.BATCH_EVENTS);
  }

  /** Packages: their verification events, keyed by package. */
  @Bean
  OutboxSource packageOutbox(MongoCollection<Document> packageCollection) {
    return new OutboxSource(BatchTopics.SOURCE, packageCollection, BatchTopics.BATCH_EVENTS);
  }

  /** Transfers: their decisions' and ends' events, keyed by transfer. */
  @Bean
  OutboxSource transferOutbox(MongoCollection<Document> transferCollection) {
    return new OutboxSource(BatchTopics.SOURCE, transferCollection, BatchTopics.BATCH_EVENTS);
  }

  /** A transfer's devices: the event of each device's end, keyed by transfer. */
  @Bean
  OutboxSource transferDeviceOutbox(MongoCollection<Document> transferDeviceCollection) {
    return new OutboxSource(BatchTopics.SOURCE, transferDeviceCollection, BatchTopics.BATCH_EVENTS);
  }

  // Every topic this service produces or consumes, declared with the partitions the events module
  // fixes, so whichever service starts first creates it whole.

  @Bean
  NewTopic jobEventsTopic() {
    return TopicBuilder.name(JobTopics.JOB_EVENTS).partitions(JobTopics.PARTITIONS).build();
  }

  @Bean
  NewTopic batchEventsTopic() {
    return TopicBuilder.name(BatchTopics.BATCH_EVENTS).partitions(BatchTopics.PARTITIONS).build();
  }

  @Bean
  NewTopic deviceCommandsTopic() {
    return TopicBuilder.name(DeviceTopics.DEVICE_COMMANDS)
        .partitions(DeviceTopics.PARTITIONS)
        .build();
  }

  @Bean
  NewTopic deviceReportsTopic() {
    return TopicBuilder.name(DeviceTopics.DEVICE_REPORTS)
        .partitions(DeviceTopics.PARTITIONS)
        .build();
  }

  @Bean
  NewTopic packageEventsTopic() {
    return TopicBuilder.name(PackageTopics.PACKAGE_EVENTS)
        .partitions(PackageTopics.PARTITIONS)
        .build();
  }
}
