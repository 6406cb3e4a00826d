package io.upgradehub.campaign.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.events.devices.DeviceTopics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the device reports topic (group {@code campaign-service}) a poll at a time and hands the
 * reports about jobs to {@link JobTracking}. Offsets are committed after the poll was applied, so a
 * stop loses nothing: the poll comes again, and applying a report twice changes nothing. A failure
 * to apply (the store away) is retried by the container's error handler, never skipped.
 */
@Component
class DeviceReportListener {

  private final DeviceReportReader reader;
  private final JobTracking tracking;
  private final Counter applied;

  DeviceReportListener(DeviceReportReader reader, JobTracking tracking, MeterRegistry meters) {
    this.reader = reader;
    this.tracking = tracking;
    this.applied =
        Counter.builder("upgradehub.campaign.reports.applied")
            .description("Device reports that changed a job")
            .register(meters);
  }

  @KafkaListener(
      id = "campaign-device-reports",
      topics = DeviceTopics.DEVICE_REPORTS,
      batch = "true")
  void onReports(List<ConsumerRecord<String, String>> records) {
    List<DeviceReport> reports = new ArrayList<>(records.size());
    for (ConsumerRecord<String, String> record : records) {
      DeviceReport report = reader.read(record.value());
      if (report != null) {
        reports.add(report);
      }
    }
    if (!reports.isEmpty()) {
      applied.increment(tracking.apply(reports));
    }
  }
}
