package io.upgradehub.platform.seed;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Registers demo products and devices and uploads a few small demo packages through the gateway,
 * exactly as a user would (real API calls with the admin key). A failure is reported as a warning
 * and never stops the platform.
 */
public final class DemoData {

  /**
   * How long an upload waits for package-service to learn its product: a product registered a
   * moment ago reaches package-service through Kafka, and until then its packages are refused with
   * 422 {@code UNKNOWN_PRODUCT}.
   */
  static final Duration PRODUCT_WAIT = Duration.ofSeconds(60);

  private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI gateway;
  private final String apiKey;
  private final PrintStream out;
  private final Duration productWait;

  /**
   * @param gateway the gateway's base URL
   * @param apiKey a key allowed to upload
   * @param out where progress and warnings go
   */
  public DemoData(URI gateway, String apiKey, PrintStream out) {
    this(gateway, apiKey, out, PRODUCT_WAIT);
  }

  DemoData(URI gateway, String apiKey, PrintStream out, Duration productWait) {
    this.gateway = gateway;
    this.apiKey = apiKey;
    this.out = out;
    this.productWait = productWait;
  }

  /**
   * Registers the demo products and devices, then uploads every demo package.
   *
   * @return what was created; what failed was warned about
   */
  public Seeded seed() {
    int devices = 0;
    int products = 0;
    for (DemoFleet fleet : DemoFleet.ALL) {
      if (postJson("/api/v1/products", fleet.productJson(), "demo product " + fleet.productKey())) {
        products++;
      }
      for (var device : fleet.devices().entrySet()) {
        if (postJson(
            "/api/v1/products/" + fleet.productKey() + "/devices",
            DemoFleet.deviceJson(device.getKey(), device.getValue()),
            "demo device " + device.getKey())) {
          devices++;
        }
      }
    }
    int uploaded = 0;
    for (DemoPackage demo : DemoPackage.ALL) {
      if (upload(demo)) {
        uploaded++;
      }
    }
    return new Seeded(products, devices, uploaded);
  }

  /** What {@link #seed()} created. */
  public record Seeded(int products, int devices, int packages) {}

  private boolean postJson(String path, String json, String what) {
    HttpRequest request =
        HttpRequest.newBuilder(gateway.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return send(request, what);
  }

  /** Uploads the package, again while package-service does not know its product yet. */
  private boolean upload(DemoPackage demo) {
    MultipartBody body =
        MultipartBody.builder()
            .part("metadata", "application/json", demo.metadataJson())
            .file("file", demo.filename(), "application/octet-stream", demo.content())
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(gateway.resolve("/api/v1/packages"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", body.contentType())
            .POST(body.publisher())
            .build();
    long deadline = System.nanoTime() + productWait.toNanos();
    String what = "demo package '" + demo.name() + "'";
    try {
      HttpResponse<String> response;
      while (isUnknownProduct(response = attempt(request, what)) && System.nanoTime() < deadline) {
        Thread.sleep(RETRY_PAUSE.toMillis());
      }
      return created(response, what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean isUnknownProduct(HttpResponse<String> response) {
    return response != null
        && response.statusCode() == 422
        && response.body().contains("\"UNKNOWN_PRODUCT\"");
  }

  /** Sends one seeding request; true on 201, a warning otherwise. */
  private boolean send(HttpRequest request, String what) {
    try {
      return created(attempt(request, what), what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The response, or null (with a warning) when the gateway cannot be reached. */
  private HttpResponse<String> attempt(HttpRequest request, String what)
      throws InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      out.println("WARN  " + what + " was not created: " + e);
      return null;
    }
  }

  /** True on 201, a warning otherwise. */
  private boolean created(HttpResponse<String> response, String what) {
    if (response == null) {
      return false;
    }
    if (response.statusCode() == 201) {
      return true;
    }
    out.println(
        "WARN  "
            + what
            + " was not created: HTTP "
            + response.statusCode()
            + " "
            + abbreviate(response.body()));
    return false;
  }

  private static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }
}
