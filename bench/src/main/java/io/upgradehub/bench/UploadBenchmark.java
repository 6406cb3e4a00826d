package io.upgradehub.bench;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.upgradehub.platform.Component;
import io.upgradehub.platform.Platform;
import io.upgradehub.platform.apikey.ApiKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads a large generated package through the gateway into package-service (which streams it to
 * S3 while hashing it), next to a plain multipart copy of the same bytes straight to the S3 server,
 * and samples both services' heaps while the upload runs.
 *
 * <p>Arguments ({@code --name=value}): {@code size-mib} (1024), {@code runs} (2), {@code
 * service-heap} (128m: the services' -Xmx; a 1 GiB file through a 128 MiB heap can only stream).
 */
public final class UploadBenchmark {

  private static final long MIB = 1024 * 1024;
  private static final long PART_SIZE = 8 * MIB;

  private UploadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    long size = Long.parseLong(options.getOrDefault("size-mib", "1024")) * MIB;
    int runs = Integer.parseInt(options.getOrDefault("runs", "2"));
    String heap = options.getOrDefault("service-heap", "128m");
    Path directory = Files.createTempDirectory("upgradehub-bench");
    ApiKey key = ApiKey.generate("bench", "admin");

    try (Platform platform =
        Platform.builder()
            .directory(directory)
            .freePorts()
            .apiKey(key)
            .adminKeyFile(false)
            .seedDemoData(false)
            .serviceHeap(heap)
            .start()) {
      System.out.printf(
          "platform up in %.1f s (services at -Xmx%s)%n",
          platform.startupDuration().toMillis() / 1000.0, heap);
      MinioClient s3 =
          MinioClient.builder()
              .endpoint(platform.s3Endpoint().toString())
              .region("us-east-1")
              .credentials(platform.s3AccessKey(), platform.s3SecretKey())
              .build();
      s3.makeBucket(MakeBucketArgs.builder().bucket("bench-plain").build());
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

      registerProduct(http, platform.gatewayUrl(), key);
      // warm-up: JIT, connection pools, the bucket
      plainCopy(s3, 64 * MIB, 0);
      uploadThroughGateway(http, platform.gatewayUrl(), key, 64 * MIB, 0);

      String expectedSha256 = GeneratedFirmware.sha256(size, 42);
      System.out.printf("%nsize %d MiB, %d run(s)%n", size / MIB, runs);
      double bestPlain = 0;
      double bestGateway = 0;
      for (int run = 1; run <= runs; run++) {
        double plain = plainCopy(s3, size, 42);
        long gatewayBase;
        long serviceBase;
        Upload upload;
        try (HeapSampler gatewayHeap =
                new HeapSampler(platform.gatewayUrl(), Duration.ofMillis(100));
            HeapSampler serviceHeap =
                new HeapSampler(platform.packageServiceUrl(), Duration.ofMillis(100))) {
          gatewayBase = gatewayHeap.usedHeap();
          serviceBase = serviceHeap.usedHeap();
          gatewayHeap.start();
          serviceHeap.start();
          upload = uploadThroughGateway(http, platform.gatewayUrl(), key, size, 42);
          System.out.printf(
              "run %d: plain S3 copy %.0f MB/s | through gateway %.0f MB/s (%.0f%%) | heap used gateway %d -> peak %d MiB (+%d), package-service %d -> peak %d MiB (+%d)%n",
              run,
              plain,
              upload.megabytesPerSecond(),
              100 * upload.megabytesPerSecond() / plain,
              gatewayBase / MIB,
              gatewayHeap.peak() / MIB,
              Math.max(0, gatewayHeap.peak() - gatewayBase) / MIB,
              serviceBase / MIB,
              serviceHeap.peak() / MIB,
              Math.max(0, serviceHeap.peak() - serviceBase) / MIB);
        }
        if (!upload.body().contains("\"sha256\":\"" + expectedSha256 + "\"")) {
          throw new IllegalStateException("stored package has the wrong SHA-256: " + upload.body());
        }
        bestPlain = Math.max(bestPlain, plain);
        bestGateway = Math.max(bestGateway, upload.megabytesPerSecond());
      }
      System.out.printf(
          "%nbest: plain %.0f MB/s, through gateway %.0f MB/s = %.0f%% of plain; SHA-256 verified %s%n",
          bestPlain, bestGateway, 100 * bestGateway / bestPlain, expectedSha256);
      System.out.printf(
          "services ran with -Xmx%s; logs: %s%n",
          heap, platform.logFile(Component.PACKAGE_SERVICE).getParent());
    } finally {
      Directories.deleteTree(directory);
    }
  }

  private static double plainCopy(MinioClient s3, long size, long seed) throws Exception {
    long start = System.nanoTime();
    try (InputStream in = new GeneratedFirmware(size, seed)) {
      s3.putObject(
          PutObjectArgs.builder().bucket("bench-plain").object("copy-" + UUID.randomUUID()).stream(
                  in, (Long) null, PART_SIZE)
              .build());
    }
    return megabytesPerSecond(size, System.nanoTime() - start);
  }

  private static Upload uploadThroughGateway(
      HttpClient http, URI gateway, ApiKey key, long size, long seed) throws Exception {
    String boundary = "bench" + UUID.randomUUID().toString().replace("-", "");
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + "{\"name\":\"bench\",\"type\":\"FULL\",\"productKey\":\"bench\",\"targetVersion\":\""
                + UUID.randomUUID()
                + "\"}\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fw.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(gateway.resolve("/api/v1/packages"))
            .header("Authorization", "Bearer " + key.key())
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(Duration.ofMinutes(30))
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new SequenceInputStream(
                                java.util.Collections.enumeration(
                                    List.of(
                                        new ByteArrayInputStream(head),
                                        new GeneratedFirmware(size, seed),
                                        new ByteArrayInputStream(tail))))),
                    head.length + size + tail.length))
            .build();
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long elapsed = System.nanoTime() - start;
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "upload failed: " + response.statusCode() + " " + response.body());
    }
    return new Upload(megabytesPerSecond(size, elapsed), response.body());
  }

  /**
   * Registers the product {@code bench} and waits until package-service, which learns products
   * through Kafka, takes a small package for it.
   */
  private static void registerProduct(HttpClient http, URI gateway, ApiKey key) throws Exception {
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(gateway.resolve("/api/v1/products"))
                .header("Authorization", "Bearer " + key.key())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"productKey\":\"bench\",\"name\":\"bench\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException(
          "product not registered: " + created.statusCode() + " " + created.body());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        uploadThroughGateway(http, gateway, key, 1024, 1);
        return;
      } catch (IllegalStateException e) {
        if (!e.getMessage().contains("UNKNOWN_PRODUCT") || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }

  private static double megabytesPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  private record Upload(double megabytesPerSecond, String body) {}
}
