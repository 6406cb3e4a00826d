package io.upgradehub.adapter.pull;

import io.upgradehub.adapter.campaign.CampaignUnavailableException;
import io.upgradehub.adapter.campaign.OpenJobs;
import io.upgradehub.adapter.command.UpgradeMessage;
import io.upgradehub.adapter.ingest.DeviceMessageReader;
import io.upgradehub.adapter.packages.DownloadUrlUnavailableException;
import io.upgradehub.adapter.packages.DownloadUrls;
import io.upgradehub.adapter.publish.DeviceEventPublisher;
import io.upgradehub.adapter.system.ErrorCode;
import io.upgradehub.events.devices.DeviceKey;
import io.upgradehub.events.devices.UpgradeCommand;
import io.upgradehub.problems.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * The HTTP pull (§7 of the device protocol): the pull reports the module's version like a {@code
 * request} does, then asks campaign-service for the module's open job and answers it as the {@code
 * upgrade} message with a fresh download URL.
 */
@Service
class DevicePull {

  /** How long a device waits at most for the version report to reach Kafka. */
  private static final long PUBLISH_TIMEOUT_SECONDS = 10;

  private static final String RETRY_AFTER_SECONDS = "30";

  private final DeviceEventPublisher events;
  private final OpenJobs jobs;
  private final DownloadUrls urls;
  private final Clock clock;

  DevicePull(DeviceEventPublisher events, OpenJobs jobs, DownloadUrls urls, Clock clock) {
    this.events = events;
    this.jobs = jobs;
    this.urls = urls;
    this.clock = clock;
  }

  /**
   * @param module a valid module name
   * @param version a valid version: what the module runs now
   * @return the {@code upgrade} message of the open job, or empty when nothing is due
   * @throws ApiException {@code SERVICE_UNAVAILABLE} (with {@code Retry-After}) when the report
   *     cannot be published or no answer can be had now
   */
  Optional<UpgradeMessage> pull(DeviceKey device, String module, String version) {
    Instant receivedAt = clock.instant();
    String pullId = "http-" + UUID.randomUUID();
    publish(device, pullId, module, version, receivedAt);
    Optional<UpgradeCommand> job;
    try {
      job = jobs.find(device, module, version);
    } catch (CampaignUnavailableException e) {
      throw unavailable("Cannot tell now whether an upgrade is due", e);
    }
    if (job.isEmpty()) {
      return Optional.empty();
    }
    try {
      UpgradeCommand command = job.get();
      return Optional.of(
          UpgradeMessage.of(
              UUID.randomUUID().toString(),
              command,
              urls.urlFor(command.packageId()),
              clock.instant()));
    } catch (DownloadUrlUnavailableException e) {
      throw unavailable("Cannot make a download URL now", e);
    }
  }

  private void publish(
      DeviceKey device, String pullId, String module, String version, Instant receivedAt) {
    try {
      events
          .publish(DeviceMessageReader.pullEvents(device, pullId, module, version, receivedAt))
          .get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("Interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable("Cannot record the pull now", e);
    }
  }

  private static ApiException unavailable(String detail, Throwable cause) {
    return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, detail, cause)
        .withHeader("Retry-After", RETRY_AFTER_SECONDS);
  }
}
