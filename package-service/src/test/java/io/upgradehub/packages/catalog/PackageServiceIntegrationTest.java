package io.upgradehub.packages.catalog;

import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import io.upgradehub.packages.product.KnownProducts;
import io.upgradehub.packages.product.ProductFixture;
import io.upgradehub.packages.storage.StorageProperties;
import io.upgradehub.testsupport.SharedInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs package-service on a real port against a real MongoDB-protocol server, S3 server and Kafka
 * broker, and talks to it over HTTP as a client would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class PackageServiceIntegrationTest {

  static final String METADATA =
      """
      {"name":"%s","type":"FULL","productKey":"%s","module":"default","targetVersion":"%s"}
      """;

  @LocalServerPort int port;
  @Autowired MongoCollection<Document> packageCollection;
  @Autowired StorageProperties storageProperties;
  @Autowired JsonMapper json;
  @Autowired MeterRegistry meters;
  @Autowired KnownProducts knownProducts;

  final HttpClient http = HttpClient.newHttpClient();
  MinioClient s3;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    SharedInfrastructure.register("packages", registry::add);
  }

  @BeforeEach
  void connectStorage() {
    s3 =
        MinioClient.builder()
            .endpoint(storageProperties.endpoint().toString())
            .region(storageProperties.region())
            .credentials(storageProperties.accessKey(), storageProperties.secretKey())
            .build();
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String metadata(String name, String productKey, String targetVersion) {
    return METADATA.formatted(name, productKey, targetVersion);
  }

  HttpResponse<String> upload(Multipart body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri("/api/v1/packages"))
            .header("Content-Type", body.contentType())
            .POST(body.publisher())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Uploads a package after making the product (and module) named in {@code metadataJson} known, as
   * inventory-service's event would, so that the test meets the rule it is about rather than {@code
   * UNKNOWN_PRODUCT}; see {@link #uploadAsIs} for the product check itself.
   */
  HttpResponse<String> upload(String metadataJson, byte[] file) throws Exception {
    knowProductOf(metadataJson);
    return uploadAsIs(metadataJson, file);
  }

  /** Uploads a package without touching the product list. */
  HttpResponse<String> uploadAsIs(String metadataJson, byte[] file) throws Exception {
    return upload(new Multipart().json("metadata", metadataJson).file("file", file));
  }

  /** Makes {@code productKey} known with the module {@code default} and {@code modules}. */
  void knownProduct(String productKey, String... modules) {
    ProductFixture.register(knownProducts, productKey, modules);
  }

  private void knowProductOf(String metadataJson) {
    JsonNode metadata;
    try {
      metadata = json.readTree(metadataJson);
    } catch (RuntimeException notJson) {
      return; // the test is about metadata that cannot be read
    }
    String productKey = metadata.path("productKey").asString("");
    if (NewPackageRequest.KEY.matcher(productKey).matches()) {
      String module = metadata.path("module").asString("");
      knownProduct(
          productKey, NewPackageRequest.KEY.matcher(module).matches() ? module : "default");
    }
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String contentType, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  double uploads(String outcome) {
    var counter = meters.find("upgradehub.package.uploads").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  long storedDocuments() {
    return packageCollection.countDocuments();
  }

  List<String> storedObjects() {
    Iterable<Result<Item>> results =
        s3.listObjects(
            ListObjectsArgs.builder()
                .bucket(storageProperties.bucket())
                .prefix("packages/")
                .recursive(true)
                .build());
    return StreamSupport.stream(results.spliterator(), false)
        .map(
            result -> {
              try {
                return result.get().objectName();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }
}
