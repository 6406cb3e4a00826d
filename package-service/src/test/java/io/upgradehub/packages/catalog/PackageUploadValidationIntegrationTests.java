package io.upgradehub.packages.catalog;

import static io.upgradehub.testsupport.Problems.assertProblem;
import static io.upgradehub.testsupport.Problems.fieldErrors;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Every bad input gets its problem code, and leaves neither a record nor an object behind. */
@TestPropertySource(properties = "upgradehub.packages.max-file-size=1MB")
class PackageUploadValidationIntegrationTests extends PackageServiceIntegrationTest {

  private long documentsBefore;
  private int objectsBefore;

  @BeforeEach
  void countStored() {
    documentsBefore = storedDocuments();
    objectsBefore = storedObjects().size();
  }

  static Stream<Arguments> invalidMetadata() {
    String product = "\"productKey\":\"v\",\"targetVersion\":\"2.0\"";
    return Stream.of(
        Arguments.of("missing name", "{\"type\":\"FULL\"," + product + "}", "name", "REQUIRED"),
        Arguments.of(
            "blank name",
            "{\"name\":\"  \",\"type\":\"FULL\"," + product + "}",
            "name",
            "REQUIRED"),
        Arguments.of(
            "name of 65 characters",
            "{\"name\":\"" + "n".repeat(65) + "\",\"type\":\"FULL\"," + product + "}",
            "name",
            "TOO_LONG"),
        Arguments.of(
            "unknown type",
            "{\"name\":\"a\",\"type\":\"PATCH\"," + product + "}",
            "type",
            "UNKNOWN_VALUE"),
        Arguments.of("missing type", "{\"name\":\"a\"," + product + "}", "type", "REQUIRED"),
        Arguments.of(
            "DIFF without from-versions",
            "{\"name\":\"a\",\"type\":\"DIFF\"," + product + "}",
            "fromVersions",
            "REQUIRED_FOR_DIFF"),
        Arguments.of(
            "DIFF with empty from-versions",
            "{\"name\":\"a\",\"type\":\"DIFF\",\"fromVersions\":[]," + product + "}",
            "fromVersions",
            "REQUIRED_FOR_DIFF"),
        Arguments.of(
            "from-version equal to target",
            "{\"name\":\"a\",\"type\":\"DIFF\",\"fromVersions\":[\"2.0\"]," + product + "}",
            "fromVersions[0]",
            "SAME_AS_TARGET"),
        Arguments.of(
            "missing product",
            "{\"name\":\"a\",\"type\":\"FULL\",\"targetVersion\":\"2\"}",
            "productKey",
            "REQUIRED"),
        Arguments.of(
            "product with a space",
            "{\"name\":\"a\",\"type\":\"FULL\",\"productKey\":\"a b\",\"targetVersion\":\"2\"}",
            "productKey",
            "INVALID_FORMAT"),
        Arguments.of(
            "missing target version",
            "{\"name\":\"a\",\"type\":\"FULL\",\"productKey\":\"v\"}",
            "targetVersion",
            "REQUIRED"),
        Arguments.of(
            "description over 1000 characters",
            "{\"name\":\"a\",\"type\":\"FULL\",\"description\":\""
                + "d".repeat(1001)
                + "\","
                + product
                + "}",
            "description",
            "TOO_LONG"),
        Arguments.of(
            "malformed declared sha256",
            "{\"name\":\"a\",\"type\":\"FULL\",\"sha256\":\"xyz\"," + product + "}",
            "sha256",
            "INVALID_FORMAT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMetadata")
  void rejectsInvalidMetadataNamingTheField(String why, String metadata, String field, String code)
      throws Exception {
    JsonNode problem =
        assertProblem(upload(metadata, randomBytes(100, 1)), 400, "VALIDATION_FAILED");

    assertThat(fieldErrors(problem)).containsEntry(field, code);
    assertNothingStored();
  }

  @Test
  void rejectsMetadataThatIsNotJson() throws Exception {
    JsonNode problem =
        assertProblem(upload("{not json", randomBytes(10, 1)), 400, "MALFORMED_REQUEST");

    assertThat(fieldErrors(problem)).containsKey("metadata");
    assertNothingStored();
  }

  @Test
  void rejectsEmptyFile() throws Exception {
    assertProblem(upload(metadata("a", "empty", "1.0"), new byte[0]), 400, "EMPTY_FILE");

    assertNothingStored();
  }

  @Test
  void rejectsFileOverTheConfiguredMaximum() throws Exception {
    double failuresBefore = uploads("PACKAGE_TOO_LARGE");

    HttpResponse<String> response =
        upload(metadata("big", "big-" + UUID.randomUUID(), "1.0"), randomBytes(1024 * 1024 + 1, 2));

    assertProblem(response, 413, "PACKAGE_TOO_LARGE");
    assertNothingStored();
    assertThat(uploads("PACKAGE_TOO_LARGE")).isEqualTo(failuresBefore + 1);
  }

  @Test
  void acceptsFileOfExactlyTheMaximum() throws Exception {
    HttpResponse<String> response =
        upload(metadata("edge", "edge-" + UUID.randomUUID(), "1.0"), randomBytes(1024 * 1024, 2));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  @Test
  void rejectsDuplicatePackage() throws Exception {
    String product = "dup-" + UUID.randomUUID();
    String diff =
        """
        {"name":"%s","type":"DIFF","productKey":"%s","targetVersion":"2.0","fromVersions":%s}
        """;
    assertThat(
            upload(diff.formatted("first", product, "[\"1.0\",\"1.1\"]"), randomBytes(10, 1))
                .statusCode())
        .isEqualTo(201);
    countStored();

    HttpResponse<String> again =
        upload(diff.formatted("second", product, "[\"1.1\",\"1.0\"]"), randomBytes(20, 2));

    assertProblem(again, 409, "PACKAGE_ALREADY_EXISTS");
    assertNothingStored();
  }

  @Test
  void rejectsChecksumThatDoesNotMatchTheFile() throws Exception {
    String metadata =
        """
        {"name":"a","type":"FULL","productKey":"sum-%s","targetVersion":"1","sha256":"%s"}
        """
            .formatted(UUID.randomUUID(), "0".repeat(64));

    assertProblem(upload(metadata, randomBytes(100, 1)), 422, "CHECKSUM_MISMATCH");
    assertNothingStored();
  }

  @Test
  void rejectsUploadWithoutFilePart() throws Exception {
    Multipart body = new Multipart().json("metadata", metadata("a", "nofile", "1"));

    assertProblem(upload(body), 400, "FILE_REQUIRED");
    assertNothingStored();
  }

  @Test
  void rejectsUploadWithoutMetadataPart() throws Exception {
    assertProblem(
        upload(new Multipart().file("file", randomBytes(10, 1))), 400, "METADATA_REQUIRED");
    assertNothingStored();
  }

  @Test
  void rejectsMetadataSentAfterTheFile() throws Exception {
    Multipart body =
        new Multipart()
            .file("file", randomBytes(10, 1))
            .json("metadata", metadata("a", "late", "1"));

    assertProblem(upload(body), 400, "METADATA_REQUIRED");
    assertNothingStored();
  }

  @Test
  void rejectsTruncatedMultipartBody() throws Exception {
    String product = "cut-" + UUID.randomUUID();
    knownProduct(product);
    Multipart body =
        new Multipart()
            .json("metadata", metadata("a", product, "1"))
            .file("file", randomBytes(50_000, 1));

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/packages"))
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.truncated()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertProblem(response, 400, "MALFORMED_MULTIPART");
    assertNothingStored();
  }

  @Test
  void rejectsMultipartWithoutBoundary() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/packages"))
                .header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("garbage", StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertProblem(response, 400, "MALFORMED_MULTIPART");
    assertNothingStored();
  }

  @Test
  void rejectsUploadThatIsNotMultipart() throws Exception {
    assertProblem(
        send("POST", "/api/v1/packages", "application/json", "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertNothingStored();
  }

  @Test
  void answersUnknownIdWithNotFound() throws Exception {
    assertProblem(get("/api/v1/packages/" + UUID.randomUUID()), 404, "PACKAGE_NOT_FOUND");
    assertProblem(
        get("/api/v1/packages/" + UUID.randomUUID() + "/download-url"), 404, "PACKAGE_NOT_FOUND");
    assertProblem(
        send("PATCH", "/api/v1/packages/" + UUID.randomUUID(), "application/json", "{}"),
        404,
        "PACKAGE_NOT_FOUND");
    HttpResponse<String> delete =
        http.send(
            HttpRequest.newBuilder(uri("/api/v1/packages/" + UUID.randomUUID())).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertProblem(delete, 404, "PACKAGE_NOT_FOUND");
  }

  static Stream<Arguments> badPaging() {
    return Stream.of(
        Arguments.of("page=-1", "page", "OUT_OF_RANGE"),
        Arguments.of("size=0", "size", "OUT_OF_RANGE"),
        Arguments.of("size=101", "size", "OUT_OF_RANGE"),
        Arguments.of("page=abc", "page", "INVALID_FORMAT"),
        Arguments.of("size=1.5", "size", "INVALID_FORMAT"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPaging")
  void rejectsBadPagingValues(String query, String field, String code) throws Exception {
    JsonNode problem = assertProblem(get("/api/v1/packages?" + query), 400, "INVALID_PARAMETER");

    assertThat(fieldErrors(problem)).containsEntry(field, code);
  }

  @Test
  void rejectsTooLongDescriptionInPatch() throws Exception {
    HttpResponse<String> created =
        upload(metadata("p", "patch-" + UUID.randomUUID(), "1"), randomBytes(10, 1));
    String id = body(created).path("id").asString();

    JsonNode problem =
        assertProblem(
            send(
                "PATCH",
                "/api/v1/packages/" + id,
                "application/json",
                "{\"description\":\"" + "x".repeat(1001) + "\"}"),
            400,
            "VALIDATION_FAILED");

    assertThat(fieldErrors(problem)).containsEntry("description", "TOO_LONG");
    assertThat(body(get("/api/v1/packages/" + id)).path("description").isNull()).isTrue();
  }

  private void assertNothingStored() {
    assertThat(storedDocuments()).isEqualTo(documentsBefore);
    assertThat(storedObjects()).hasSize(objectsBefore);
  }
}
