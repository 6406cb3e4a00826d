package io.upgradehub.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.upgradehub.gateway.EchoServer.Echo;
import io.upgradehub.gateway.GatewayIntegrationTest;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StreamingUploadIntegrationTests extends GatewayIntegrationTest {

  private static final long SIZE = 256L * 1024 * 1024;

  @Test
  void streamsA256MebibyteUploadToTheServiceByteForByte() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(raw("/api/v1/packages/upload"))
            .header("X-API-Key", OPERATOR_KEY)
            .header("Content-Type", "application/octet-stream")
            .timeout(Duration.ofMinutes(5))
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(SIZE)), SIZE))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    Echo echo = JsonMapper.builder().build().readValue(response.body(), Echo.class);
    assertThat(echo.bodyBytes()).isEqualTo(SIZE);
    assertThat(echo.bodyCrc32()).isEqualTo(PatternStream.crc32(SIZE));
  }

  /**
   * A deterministic body generated as it is read, so the test never holds it in memory: a block of
   * pseudo-random bytes whose length (a prime) is not a multiple of any buffer size, repeated.
   */
  static final class PatternStream extends InputStream {

    private static final byte[] BLOCK = block(65_521);

    private final long size;
    private long position;

    PatternStream(long size) {
      this.size = size;
    }

    static long crc32(long size) {
      CRC32 crc = new CRC32();
      byte[] buffer = new byte[64 * 1024];
      try (PatternStream stream = new PatternStream(size)) {
        for (int n; (n = stream.read(buffer, 0, buffer.length)) != -1; ) {
          crc.update(buffer, 0, n);
        }
      }
      return crc.getValue();
    }

    @Override
    public int read() {
      return position < size ? BLOCK[(int) (position++ % BLOCK.length)] & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= size) {
        return -1;
      }
      int start = (int) (position % BLOCK.length);
      int n = (int) Math.min(Math.min(length, size - position), BLOCK.length - start);
      System.arraycopy(BLOCK, start, buffer, offset, n);
      position += n;
      return n;
    }

    @Override
    public void close() {}

    private static byte[] block(int length) {
      byte[] block = new byte[length];
      new java.util.Random(42).nextBytes(block);
      return block;
    }
  }
}
