package io.upgradehub.inventory.device;

import static io.upgradehub.inventory.device.IncomingEvent.check;

import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.jobs.JobStateChanged;
import io.upgradehub.events.jobs.JobTopics;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads campaign-service's job events topic, as {@link DeviceReportListener} reads the device
 * reports: a record that cannot be read (not JSON, not an envelope, data missing or invalid, a
 * state this version does not know) or of an unknown type is counted in {@value
 * DeviceReports#IGNORED} and skipped, so it never blocks the partition; a failure to apply a
 * readable event propagates to the container's error handler, which retries it.
 */
@Component
class JobEventListener {

  /** Job and batch ids, as {@code UpgradeCommand} states them; never a '/', used in log ids. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private static final int MAX_PACKAGE_ID = 64;

  private final JobEvents jobs;
  private final JsonMapper json;

  JobEventListener(JobEvents jobs, JsonMapper json) {
    this.jobs = jobs;
    this.json = json;
  }

  @KafkaListener(topics = JobTopics.JOB_EVENTS)
  void onJobEvent(ConsumerRecord<String, String> record) {
    IncomingEvent.read(record, json, jobs::ignore).ifPresent(this::onEvent);
  }

  private void onEvent(IncomingEvent incoming) {
    String id = incoming.id();
    if (!JobStateChanged.TYPE.equals(incoming.type())) {
      jobs.ignore("unknown-type", id, "type '" + incoming.type() + "' at " + incoming.where());
      return;
    }
    incoming.applyOrSkip(
        jobs::ignore,
        () -> {
          JobStateChanged event = json.treeToValue(incoming.data(), JobStateChanged.class);
          check(isId(event.jobId()), "jobId");
          check(isId(event.batchId()), "batchId");
          check(DeviceKey.isValidProductKey(event.productKey()), "productKey");
          check(DeviceKey.isValidDeviceName(event.deviceName()), "deviceName");
          check(
              event.packageId() != null
                  && !event.packageId().isBlank()
                  && event.packageId().length() <= MAX_PACKAGE_ID,
              "packageId");
          check(
              event.module() != null
                  && event.module().length() <= NewDeviceRequest.MAX_MODULE
                  && NewDeviceRequest.MODULE.matcher(event.module()).matches(),
              "module");
          check(
              event.fromVersion() == null || NewDeviceRequest.isVersion(event.fromVersion()),
              "fromVersion");
          check(NewDeviceRequest.isVersion(event.targetVersion()), "targetVersion");
          check(event.state() != null, "state");
          check(event.attempt() >= 1, "attempt");
          check(event.at() != null, "at");
          jobs.stateChanged(id, event);
        });
  }

  private static boolean isId(@Nullable String value) {
    return value != null && ID.matcher(value).matches();
  }
}
