package io.upgradehub.simulator;

import static io.upgradehub.simulator.PlatformSide.await;
import static io.upgradehub.simulator.PlatformSide.upgrade;
import static org.assertj.core.api.Assertions.assertThat;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.upgradehub.simulator.PlatformSide.Package;
import io.upgradehub.testsupport.EmbeddedMqtt;
import io.upgradehub.testsupport.EmbeddedS3;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real downloads: packages in a real S3 server (S3Proxy), presigned URLs made by the MinIO SDK as
 * package-service makes them, devices that download with {@code Range} and verify size, SHA-256 and
 * Ed25519 signature.
 */
class PackageDownloadIntegrationTests {

  static final String BUCKET = "firmware";
  static final int SIZE = 48 * 1024;

  static EmbeddedMqtt broker;
  static EmbeddedS3 s3;
  static MinioClient minio;
  static KeyPair signingKey;
  static String publicKey;
  static byte[] firmware;
  static Package good;

  PlatformSide platform;
  Fleet fleet;

  @BeforeAll
  static void startInfrastructure() throws Exception {
    broker = EmbeddedMqtt.start(0);
    s3 =
        EmbeddedS3.start(
            Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "s3-"));
    minio =
        MinioClient.builder()
            .endpoint(s3.endpoint().toString())
            .region("us-east-1")
            .credentials(s3.accessKey(), s3.secretKey())
            .build();
    minio.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
    signingKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    publicKey = Base64.getEncoder().encodeToString(signingKey.getPublic().getEncoded());
    firmware = new byte[SIZE];
    new Random(42).nextBytes(firmware);
    good = describe(firmware, signingKey.getPrivate());
    put("good.bin", firmware);
  }

  @AfterAll
  static void stopInfrastructure() {
    broker.close();
    s3.close();
  }

  @BeforeEach
  void subscribe() {
    platform = new PlatformSide(broker.port());
  }

  @AfterEach
  void closeAll() {
    if (fleet != null) {
      fleet.close();
    }
    platform.close();
  }

  @Test
  void interruptedDownloadResumesWithRangeAndGivesAVerifiedFile() throws Exception {
    fleet = fleetBuilder().count(1).interruptDownloads(16 * 1024, Duration.ZERO).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 1);

    platform.publish(
        "sim-0",
        "upgrade",
        upgrade("job-r", "default", "2.0.0", good, presign("good.bin", 900), 900_000));

    await(Duration.ofSeconds(30), () -> platform.informsOf("sim-0").size() == 2);
    assertThat(platform.steps("sim-0", "job-r")).containsExactly(1, 50, 80, 100);
    assertThat(platform.informsOf("sim-0").get(1).body().get("version").asString())
        .isEqualTo("2.0.0");
    // 48 KiB in 16 KiB pieces: one 200, then two Range requests answered 206
    assertThat(fleet.stats().resumedDownloads()).isEqualTo(2);
  }

  @Test
  void fileNotMatchingItsSha256OrSignatureReportsMinusTwo() throws Exception {
    fleet = fleetBuilder().count(3).build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 3);
    byte[] corrupted = firmware.clone();
    corrupted[SIZE / 2] ^= 0x01;
    put("corrupted.bin", corrupted);
    KeyPair otherKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Package signedByAnother = describe(firmware, otherKey.getPrivate());
    String url = presign("good.bin", 900);

    // the stored file was altered after the package was described
    platform.publish(
        "sim-0",
        "upgrade",
        upgrade("job-c", "default", "2.0.0", good, presign("corrupted.bin", 900), 900_000));
    // the right file, signed with a key the device does not trust
    platform.publish(
        "sim-1", "upgrade", upgrade("job-s", "default", "2.0.0", signedByAnother, url, 900_000));
    // a size that does not match
    Package wrongSize = new Package(SIZE + 1, good.sha256(), good.md5(), good.signature());
    platform.publish(
        "sim-2", "upgrade", upgrade("job-z", "default", "2.0.0", wrongSize, url, 900_000));

    await(Duration.ofSeconds(30), () -> fleet.stats().upgradesFailed() == 3);
    assertThat(platform.steps("sim-0", "job-c")).containsExactly(1, -2);
    assertThat(platform.lastDescription("sim-0")).contains("sha256");
    assertThat(platform.steps("sim-1", "job-s")).containsExactly(1, -2);
    assertThat(platform.lastDescription("sim-1")).contains("signature");
    assertThat(platform.steps("sim-2", "job-z")).containsExactly(1, -2);
    assertThat(platform.lastDescription("sim-2")).contains("size");
    assertThat(platform.kinds("inform")).hasSize(3);
  }

  @Test
  void expiredUrlMidDownloadAsksAgainAndResumesWhenTheSameJobComesWithAFreshUrl() throws Exception {
    fleet =
        fleetBuilder()
            .count(2)
            .interruptDownloads(SIZE / 2, Duration.ofMillis(2500))
            .urlWait(Duration.ofSeconds(10))
            .build();
    fleet.start();
    await(Duration.ofSeconds(20), () -> platform.kinds("inform").size() == 2);
    // S3 counts the second from X-Amz-Date, which is truncated to the second: the URL may die
    // before presign time + 1 s. urlExpiresAt must not promise more than S3 keeps, so it is the
    // time of sending here; a 403 after it means "expired" (§5.4).
    String shortLived = presign("good.bin", 1);

    platform.publish("sim-0", "upgrade", upgrade("job-e", "default", "2.0.0", good, shortLived, 0));
    platform.publish("sim-1", "upgrade", upgrade("job-f", "default", "2.0.0", good, shortLived, 0));

    // half downloaded, then the URL is refused: each device asks again (§5.4)
    await(Duration.ofSeconds(30), () -> platform.kinds("request").size() == 2);
    assertThat(platform.of("sim-0", "request").get(0).body().get("version").asString())
        .isEqualTo("1.0.0");
    // the platform answers sim-0 with the same job and a fresh URL, and sim-1 not at all
    platform.publish(
        "sim-0",
        "upgrade",
        upgrade("job-e", "default", "2.0.0", good, presign("good.bin", 900), 900_000));

    await(Duration.ofSeconds(30), () -> platform.informsOf("sim-0").size() == 2);
    assertThat(platform.steps("sim-0", "job-e")).containsExactly(1, 50, 80, 100);
    await(Duration.ofSeconds(30), () -> platform.steps("sim-1", "job-f").contains(-1));
    assertThat(platform.steps("sim-1", "job-f")).containsExactly(1, -1);
    assertThat(platform.lastDescription("sim-1")).contains("expired");
    assertThat(platform.informsOf("sim-1")).hasSize(1);
  }

  Fleet.Builder fleetBuilder() {
    return Fleet.builder()
        .broker(broker.uri())
        .productKey(platform.product)
        .prefix("sim-")
        .verifyDownloads(publicKey)
        .stepDelay(Duration.ofMillis(20))
        .seed(11);
  }

  static void put(String key, byte[] content) throws Exception {
    minio.putObject(
        PutObjectArgs.builder().bucket(BUCKET).object(key).stream(
                new ByteArrayInputStream(content), (Long) null, 5L * 1024 * 1024)
            .build());
  }

  static String presign(String key, int seconds) throws Exception {
    return minio.getPresignedObjectUrl(
        GetPresignedObjectUrlArgs.builder()
            .method(Http.Method.GET)
            .bucket(BUCKET)
            .object(key)
            .expiry(seconds, TimeUnit.SECONDS)
            .build());
  }

  /** Size, SHA-256, MD5 and the Ed25519 signature over the raw digest, as package-service signs. */
  static Package describe(byte[] content, PrivateKey key) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
    Signature signature = Signature.getInstance("Ed25519");
    signature.initSign(key);
    signature.update(digest);
    return new Package(
        content.length,
        HexFormat.of().formatHex(digest),
        HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)),
        Base64.getEncoder().encodeToString(signature.sign()));
  }
}
