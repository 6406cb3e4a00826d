package io.upgradehub.platform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartBodyTests {

  @TempDir Path dir;

  @Test
  void writesEachPartWithItsHeadersBetweenBoundaries() throws Exception {
    MultipartBody body =
        MultipartBody.builder()
            .part("metadata", "application/json", "{\"name\":\"fw\"}")
            .file("file", "fw.bin", "application/octet-stream", new byte[] {1, 2, 3})
            .build();

    String sent = new String(Bodies.bytes(body.publisher()), StandardCharsets.ISO_8859_1);

    String b = body.boundary();
    assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=" + b);
    assertThat(sent)
        .isEqualTo(
            "--"
                + b
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"name\":\"fw\"}\r\n"
                + "--"
                + b
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fw.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0001\u0002\u0003\r\n"
                + "--"
                + b
                + "--\r\n");
  }

  @Test
  void streamsAFilePartFromDiskWithAKnownLength() throws Exception {
    Path file = dir.resolve("image.bin");
    Files.write(file, new byte[10_000]);

    MultipartBody body =
        MultipartBody.builder().file("file", "image.bin", "application/octet-stream", file).build();

    assertThat(body.publisher().contentLength()).isEqualTo(Bodies.bytes(body.publisher()).length);
    assertThat(body.publisher().contentLength()).isGreaterThan(10_000);
  }
}
