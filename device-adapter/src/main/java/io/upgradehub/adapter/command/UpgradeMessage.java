package io.upgradehub.adapter.command;

import io.upgradehub.adapter.packages.DownloadUrl;
import io.upgradehub.events.devices.UpgradeCommand;
import java.time.Instant;

/**
 * The {@code upgrade} message of the device protocol (§4.5), field for field; times are epoch
 * milliseconds.
 *
 * @param id the message id: the command's event id, so that a re-delivered command repeats it
 */
public record UpgradeMessage(
    String id,
    long timestamp,
    String jobId,
    String module,
    String packageType,
    String targetVersion,
    long size,
    String sha256,
    String md5,
    String signature,
    String signMethod,
    String url,
    long urlExpiresAt) {

  public static UpgradeMessage of(String id, UpgradeCommand command, DownloadUrl url, Instant now) {
    return new UpgradeMessage(
        id,
        now.toEpochMilli(),
        command.jobId(),
        command.module(),
        command.packageType(),
        command.targetVersion(),
        command.size(),
        command.sha256(),
        command.md5(),
        command.signature(),
        command.signMethod(),
        url.url(),
        url.expiresAt().toEpochMilli());
  }
}
