package io.upgradehub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.S3ProxyConstants;

/**
 * A real S3-compatible HTTP server (S3Proxy) storing objects as files under a directory. Speaks AWS
 * signature V2/V4, multipart uploads, ranged GETs and presigned URLs, so the MinIO SDK talks to it
 * exactly as to MinIO or AWS S3.
 */
public final class EmbeddedS3 implements AutoCloseable {

  /** Credentials the embedded server accepts unless told otherwise. */
  public static final String DEFAULT_ACCESS_KEY = "upgradehub";

  public static final String DEFAULT_SECRET_KEY = "upgradehub-secret";

  private final S3Proxy proxy;
  private final Path baseDir;
  private final String accessKey;
  private final String secretKey;

  private EmbeddedS3(S3Proxy proxy, Path baseDir, String accessKey, String secretKey) {
    this.proxy = proxy;
    this.baseDir = baseDir;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts a server on the given port (0 picks a free one) storing under {@code baseDir}.
   *
   * @throws IllegalStateException when the server cannot start, for example the port is taken
   */
  public static EmbeddedS3 start(Path baseDir, int port, String accessKey, String secretKey) {
    try {
      Files.createDirectories(baseDir);
      Properties properties = new Properties();
      properties.setProperty("jclouds.filesystem.basedir", baseDir.toAbsolutePath().toString());
      properties.setProperty(S3ProxyConstants.PROPERTY_ENDPOINT, "http://127.0.0.1:" + port);
      properties.setProperty(S3ProxyConstants.PROPERTY_AUTHORIZATION, "aws-v2-or-v4");
      properties.setProperty(S3ProxyConstants.PROPERTY_IDENTITY, accessKey);
      properties.setProperty(S3ProxyConstants.PROPERTY_CREDENTIAL, secretKey);
      S3Proxy proxy =
          S3Proxy.Builder.fromProperties(properties)
              .blobStore(BlobStores.create("filesystem", properties))
              .build();
      proxy.start();
      // start() returns before Jetty is bound on some runs
      for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
        Thread.sleep(10);
      }
      return new EmbeddedS3(proxy, baseDir, accessKey, secretKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting S3 server", e);
    } catch (Exception e) {
      throw new IllegalStateException("S3 server did not start on port " + port, e);
    }
  }

  /** Starts a server on a free port with the default credentials. */
  public static EmbeddedS3 start(Path baseDir) {
    return start(baseDir, 0, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public int port() {
    return proxy.getPort();
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** The directory objects are kept in: one sub-directory per bucket. */
  public Path baseDir() {
    return baseDir;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3 server did not stop", e);
    }
  }
}
