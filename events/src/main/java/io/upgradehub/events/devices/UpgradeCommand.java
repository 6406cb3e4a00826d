package io.upgradehub.events.devices;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * Tell a device to upgrade a module. device-adapter obtains a presigned download URL for {@code
 * packageId} from package-service and publishes the {@code upgrade} message to the device.
 *
 * <p>Sending the same job again (a retry, an answer to a pull request, a refreshed URL) repeats the
 * same {@code jobId}; a device treats it as the same job.
 *
 * @param jobId the device job, 1–64 of {@code A-Z a-z 0-9 _ . : -}
 * @param packageType {@code FULL} or {@code DIFF}
 * @param size the package file's size in bytes
 * @param sha256 lower-case hex SHA-256 of the file
 * @param md5 lower-case hex MD5 of the file
 * @param signature base64 Ed25519 signature over the raw 32 bytes of the SHA-256
 * @param signMethod {@code Ed25519}
 * @param at when the command was issued
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpgradeCommand(
    String jobId,
    String productKey,
    String deviceName,
    String module,
    String packageId,
    String packageType,
    String targetVersion,
    long size,
    String sha256,
    String md5,
    String signature,
    String signMethod,
    Instant at) {

  public static final String TYPE = "device.upgrade-command";
  public static final int VERSION = 1;
}
