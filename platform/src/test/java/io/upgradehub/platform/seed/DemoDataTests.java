package io.upgradehub.platform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoDataTests {

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer gateway;

  private URI fakeGateway(int status) throws Exception {
    gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext(
        "/api/v1/packages",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + "\n"
                  + body);
          byte[] answer = "{\"code\":\"SOMETHING\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    gateway.start();
    return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.stop(0);
    }
  }

  @Test
  void uploadsEachDemoPackageAsAMultipartPostWithTheKey() throws Exception {
    URI uri = fakeGateway(201);

    int uploaded =
        new DemoData(uri, "uh_test", new PrintStream(new ByteArrayOutputStream())).seed();

    assertThat(uploaded).isEqualTo(DemoPackage.ALL.size()).isBetween(2, 3);
    assertThat(requests)
        .allSatisfy(
            request ->
                assertThat(request)
                    .startsWith("POST Bearer uh_test multipart/form-data; boundary=")
                    .contains("name=\"metadata\"", "Content-Type: application/json")
                    .contains("name=\"file\"; filename=", "UPGRADEHUB-DEMO"));
    assertThat(requests.get(1)).contains("\"type\":\"DIFF\"", "\"fromVersions\":[\"1.1.0\"]");
  }

  @Test
  void warnsInsteadOfFailingWhenTheGatewayRejectsAnUpload() throws Exception {
    URI uri = fakeGateway(500);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int uploaded = new DemoData(uri, "uh_test", new PrintStream(output, true)).seed();

    assertThat(uploaded).isZero();
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("WARN", "was not uploaded: HTTP 500");
  }

  @Test
  void warnsInsteadOfFailingWhenTheGatewayIsUnreachable() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int uploaded =
        new DemoData(URI.create("http://127.0.0.1:1"), "k", new PrintStream(output, true)).seed();

    assertThat(uploaded).isZero();
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("WARN", "was not uploaded");
  }

  @Test
  void escapesMetadataAsValidJsonStrings() {
    assertThat(DemoPackage.quote("a \"b\"\\\n")).isEqualTo("\"a \\\"b\\\"\\\\\\n\"");
  }
}
