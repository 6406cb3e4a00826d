package io.upgradehub.platform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoDataTests {

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer gateway;

  /** How many package uploads the gateway answers 422 UNKNOWN_PRODUCT before the usual status. */
  private final AtomicInteger unknownProductAnswers = new AtomicInteger();

  private URI fakeGateway(int status) throws Exception {
    gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext(
        "/api/v1/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + "\n"
                  + body);
          boolean productUnknown =
              exchange.getRequestURI().getPath().equals("/api/v1/packages")
                  && unknownProductAnswers.getAndDecrement() > 0;
          byte[] answer =
              (productUnknown ? "{\"code\":\"UNKNOWN_PRODUCT\"}" : "{\"code\":\"SOMETHING\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(productUnknown ? 422 : status, answer.length);
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

    DemoData.Seeded seeded =
        new DemoData(uri, "uh_test", new PrintStream(new ByteArrayOutputStream())).seed();

    assertThat(seeded.packages()).isEqualTo(DemoPackage.ALL.size()).isBetween(2, 3);
    List<String> uploads =
        requests.stream().filter(r -> r.startsWith("POST /api/v1/packages ")).toList();
    assertThat(uploads)
        .hasSize(DemoPackage.ALL.size())
        .allSatisfy(
            request ->
                assertThat(request)
                    .startsWith(
                        "POST /api/v1/packages Bearer uh_test multipart/form-data; boundary=")
                    .contains("name=\"metadata\"", "Content-Type: application/json")
                    .contains("name=\"file\"; filename=", "UPGRADEHUB-DEMO"));
    assertThat(uploads.get(1)).contains("\"type\":\"DIFF\"", "\"fromVersions\":[\"1.1.0\"]");
  }

  @Test
  void registersTheDemoProductsAndTheirDevicesBeforeThePackages() throws Exception {
    URI uri = fakeGateway(201);

    DemoData.Seeded seeded =
        new DemoData(uri, "uh_test", new PrintStream(new ByteArrayOutputStream())).seed();

    int devices = DemoFleet.ALL.stream().mapToInt(fleet -> fleet.devices().size()).sum();
    assertThat(seeded.products()).isEqualTo(DemoFleet.ALL.size());
    assertThat(seeded.devices()).isEqualTo(devices).isPositive();
    assertThat(requests.subList(0, DemoFleet.ALL.size() + devices))
        .allSatisfy(
            request -> assertThat(request).contains("/api/v1/products", "application/json"));
    assertThat(requests)
        .anySatisfy(
            request ->
                assertThat(request)
                    .startsWith("POST /api/v1/products/demo-gateway/devices Bearer uh_test")
                    .contains(
                        "{\"deviceName\":\"gateway-001\",\"versions\":{\"default\":\"3.0.0\",\"mcu\":\"1.9.0\"}}"));
    assertThat(requests)
        .anySatisfy(
            request ->
                assertThat(request)
                    .startsWith("POST /api/v1/products Bearer")
                    .contains("\"productKey\":\"demo-gateway\"", "{\"name\":\"mcu\"}"));
  }

  @Test
  void uploadsAgainWhilePackageServiceDoesNotKnowTheProductYet() throws Exception {
    URI uri = fakeGateway(201);
    unknownProductAnswers.set(3);

    DemoData.Seeded seeded =
        new DemoData(uri, "uh_test", new PrintStream(new ByteArrayOutputStream())).seed();

    assertThat(seeded.packages()).isEqualTo(DemoPackage.ALL.size());
    assertThat(requests.stream().filter(r -> r.startsWith("POST /api/v1/packages ")))
        .hasSize(DemoPackage.ALL.size() + 3);
  }

  @Test
  void givesUpOnAProductPackageServiceNeverLearnsAfterTheWait() throws Exception {
    URI uri = fakeGateway(201);
    unknownProductAnswers.set(Integer.MAX_VALUE);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    DemoData.Seeded seeded =
        new DemoData(uri, "uh_test", new PrintStream(output, true), Duration.ofMillis(700)).seed();

    assertThat(seeded.packages()).isZero();
    assertThat(seeded.products()).isEqualTo(DemoFleet.ALL.size());
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("was not created: HTTP 422", "UNKNOWN_PRODUCT");
  }

  @Test
  void warnsInsteadOfFailingWhenTheGatewayRejectsAnUpload() throws Exception {
    URI uri = fakeGateway(500);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    DemoData.Seeded seeded = new DemoData(uri, "uh_test", new PrintStream(output, true)).seed();

    assertThat(seeded).isEqualTo(new DemoData.Seeded(0, 0, 0));
    assertThat(output.toString(StandardCharsets.UTF_8))
        .contains("WARN", "was not created: HTTP 500");
  }

  @Test
  void warnsInsteadOfFailingWhenTheGatewayIsUnreachable() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    DemoData.Seeded seeded =
        new DemoData(URI.create("http://127.0.0.1:1"), "k", new PrintStream(output, true)).seed();

    assertThat(seeded).isEqualTo(new DemoData.Seeded(0, 0, 0));
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("WARN", "was not created");
  }

  @Test
  void escapesMetadataAsValidJsonStrings() {
    assertThat(DemoPackage.quote("a \"b\"\\\n")).isEqualTo("\"a \\\"b\\\"\\\\\\n\"");
  }
}
