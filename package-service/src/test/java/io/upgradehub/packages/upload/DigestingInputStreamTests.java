package io.upgradehub.packages.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.upgradehub.packages.storage.CallerStreamException;
import io.upgradehub.packages.system.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestingInputStreamTests {

  @Test
  void computesSha256AndMd5OfWhatPassesThrough() throws Exception {
    DigestingInputStream in =
        new DigestingInputStream(
            new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)), 10);

    in.readAllBytes();

    assertThat(in.count()).isEqualTo(3);
    assertThat(in.sha256Hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(in.md5Hex()).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
  }

  @Test
  void acceptsExactlyTheLimitAndCutsOffTheByteBeyond() throws Exception {
    assertThat(new DigestingInputStream(new ByteArrayInputStream(new byte[10]), 10).readAllBytes())
        .hasSize(10);

    CallerStreamException error =
        catchThrowableOfType(
            CallerStreamException.class,
            () ->
                new DigestingInputStream(new ByteArrayInputStream(new byte[11]), 10)
                    .readAllBytes());

    assertThat(error.code()).isEqualTo(ErrorCode.PACKAGE_TOO_LARGE);
  }

  @Test
  void reportsABrokenClientStreamAsTheClientsFault() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };

    CallerStreamException error =
        catchThrowableOfType(
            CallerStreamException.class, () -> new DigestingInputStream(broken, 10).readAllBytes());

    assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_MULTIPART);
  }
}
