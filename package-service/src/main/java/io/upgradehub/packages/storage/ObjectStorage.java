package io.upgradehub.packages.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Package files in an S3-compatible store, through the MinIO SDK.
 *
 * <p>Every method throws {@link StorageUnavailableException} when the store cannot be reached or
 * fails, and lets through any exception raised by the caller's own input stream.
 */
@Component
public class ObjectStorage {

  private final MinioClient client;
  private final MinioClient presigner;
  private final StorageProperties properties;
  private volatile boolean bucketReady;

  ObjectStorage(StorageProperties properties) {
    this.properties = properties;
    this.client = client(properties, properties.endpoint().toString());
    this.presigner = client(properties, properties.presignEndpoint().toString());
  }

  private static MinioClient client(StorageProperties properties, String endpoint) {
    return MinioClient.builder()
        .endpoint(endpoint)
        .region(properties.region())
        .credentials(properties.accessKey(), properties.secretKey())
        .build();
  }

  /**
   * Streams {@code content} of unknown length into {@code key} as a multipart upload, holding at
   * most one part in memory.
   */
  public void put(String key, InputStream content, String contentType) {
    ensureBucket();
    try {
      client.putObject(
          PutObjectArgs.builder()
              .bucket(properties.bucket())
              .object(key)
              .contentType(contentType)
              .stream(content, (Long) null, properties.partSize().toBytes())
              .build());
    } catch (MinioException e) {
      throw unwrap(e, "put " + key);
    }
  }

  /** The size of the stored object, or empty when there is none. */
  public Optional<Long> size(String key) {
    try {
      return Optional.of(
          client
              .statObject(StatObjectArgs.builder().bucket(properties.bucket()).object(key).build())
              .size());
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())
          || "NoSuchBucket".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw new StorageUnavailableException("stat " + key, e);
    } catch (MinioException e) {
      throw new StorageUnavailableException("stat " + key, e);
    }
  }

  /** Removes {@code key}; removing what is not there succeeds. */
  public void remove(String key) {
    try {
      client.removeObject(
          RemoveObjectArgs.builder().bucket(properties.bucket()).object(key).build());
    } catch (MinioException e) {
      throw new StorageUnavailableException("remove " + key, e);
    }
  }

  /** A URL anyone may GET (with Range) until it expires; signed for the public endpoint. */
  public String presignedGet(String key, Duration ttl) {
    try {
      return presigner.getPresignedObjectUrl(
          GetPresignedObjectUrlArgs.builder()
              .method(Http.Method.GET)
              .bucket(properties.bucket())
              .object(key)
              .expiry((int) ttl.toSeconds(), TimeUnit.SECONDS)
              .build());
    } catch (MinioException e) {
      throw new StorageUnavailableException("presign " + key, e);
    }
  }

  /** Creates the bucket when missing; retried on the next upload when the store was down. */
  public void ensureBucket() {
    if (bucketReady) {
      return;
    }
    try {
      String bucket = properties.bucket();
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
      bucketReady = true;
    } catch (MinioException e) {
      throw new StorageUnavailableException("create bucket " + properties.bucket(), e);
    }
  }

  /** Lets the caller's own stream failure through unchanged: it is not the store's fault. */
  private static RuntimeException unwrap(MinioException e, String action) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof CallerStreamException caller) {
        return caller;
      }
    }
    return new StorageUnavailableException(action, e);
  }
}
