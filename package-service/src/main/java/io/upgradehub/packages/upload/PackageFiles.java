package io.upgradehub.packages.upload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upgradehub.packages.storage.ObjectStorage;
import io.upgradehub.packages.system.ErrorCode;
import io.upgradehub.problems.ApiException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams package files into object storage, measuring size, SHA-256 and MD5 on the way, and leaves
 * nothing behind when an upload fails.
 */
@Component
public class PackageFiles {

  private static final Logger log = LoggerFactory.getLogger(PackageFiles.class);

  private final ObjectStorage storage;
  private final UploadProperties properties;
  private final MeterRegistry meters;
  private final Counter bytes;

  PackageFiles(ObjectStorage storage, UploadProperties properties, MeterRegistry meters) {
    this.storage = storage;
    this.properties = properties;
    this.meters = meters;
    this.bytes =
        Counter.builder("upgradehub.package.upload.bytes")
            .description("Bytes of package files stored")
            .baseUnit("bytes")
            .register(meters);
  }

  /** The largest file accepted, in bytes. */
  public long maxFileSize() {
    return properties.maxFileSize().toBytes();
  }

  /**
   * Stores {@code content} under {@code key}.
   *
   * @throws ApiException {@code EMPTY_FILE}, {@code PACKAGE_TOO_LARGE}, {@code MALFORMED_MULTIPART}
   *     (the client's stream broke) or {@code STORAGE_UNAVAILABLE}; in every case no object remains
   *     under {@code key}
   */
  public StoredFile store(String key, InputStream content) {
    DigestingInputStream digesting = new DigestingInputStream(content, maxFileSize());
    try {
      storage.put(key, digesting, "application/octet-stream");
      if (digesting.count() == 0) {
        throw new ApiException(ErrorCode.EMPTY_FILE, "The package file has no content");
      }
    } catch (RuntimeException e) {
      discard(key);
      throw e;
    }
    bytes.increment(digesting.count());
    return new StoredFile(key, digesting.count(), digesting.sha256Hex(), digesting.md5Hex());
  }

  /** Removes a stored file that will not be kept (a later step of the upload failed). */
  public void discard(String key) {
    try {
      storage.remove(key);
    } catch (RuntimeException e) {
      log.warn("Could not remove {} after a failed upload: {}", key, e.toString());
    }
  }

  /**
   * Counts the outcome of one upload request: {@code CREATED}, or the error code it failed with.
   */
  public void countUpload(String outcome) {
    meters.counter("upgradehub.package.uploads", "outcome", outcome).increment();
  }
}
