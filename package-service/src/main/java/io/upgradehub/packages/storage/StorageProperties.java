package io.upgradehub.packages.storage;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where package files are kept: any S3-compatible object store (MinIO, AWS S3, S3Proxy).
 *
 * @param endpoint the S3 endpoint this service talks to
 * @param publicEndpoint the endpoint devices reach, used in presigned URLs; defaults to {@code
 *     endpoint}. A presigned URL is signed for its host, so it must be the host devices use.
 * @param accessKey S3 access key
 * @param secretKey S3 secret key
 * @param bucket the bucket holding package files; created on start when missing
 * @param region the bucket's region; set so that presigning needs no round trip
 * @param partSize multipart part size: the most a single upload holds in memory at once
 */
@ConfigurationProperties("upgradehub.storage")
public record StorageProperties(
    @DefaultValue("http://127.0.0.1:9000") URI endpoint,
    @Nullable URI publicEndpoint,
    @DefaultValue("upgradehub") String accessKey,
    @DefaultValue("upgradehub-secret") String secretKey,
    @DefaultValue("upgradehub-packages") String bucket,
    @DefaultValue("us-east-1") String region,
    @DefaultValue("8MB") DataSize partSize) {

  public StorageProperties {
    if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
      throw new IllegalArgumentException("upgradehub.storage.part-size must be at least 5MB (S3)");
    }
  }

  URI presignEndpoint() {
    return publicEndpoint != null ? publicEndpoint : endpoint;
  }
}
