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

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI gateway;
  private final String apiKey;
  private final PrintStream out;

  /**
   * @param gateway the gateway's base URL
   * @param apiKey a key allowed to upload
   * @param out where progress and warnings go
   */
  public DemoData(URI gateway, String apiKey, PrintStream out) {
    this.gateway = gateway;
    this.apiKey = apiKey;
    this.out = out;
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
    return send(request, "demo package '" + demo.name() + "'");
  }

  /** Sends one seeding request; true on 201, a warning otherwise. */
  private boolean send(HttpRequest request, String what) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
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
    } catch (IOException e) {
      out.println("WARN  " + what + " was not created: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
  }
}
