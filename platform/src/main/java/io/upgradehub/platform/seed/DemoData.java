package io.upgradehub.platform.seed;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Uploads a few small demo packages through the gateway, exactly as a user would (a real multipart
 * upload with the admin key). A failed upload is reported as a warning and never stops the
 * platform.
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
   * Uploads every demo package.
   *
   * @return how many were uploaded (201); the others were warned about
   */
  public int seed() {
    int uploaded = 0;
    for (DemoPackage demo : DemoPackage.ALL) {
      if (upload(demo)) {
        uploaded++;
      }
    }
    return uploaded;
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
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201) {
        return true;
      }
      out.println(
          "WARN  demo package '"
              + demo.name()
              + "' was not uploaded: HTTP "
              + response.statusCode()
              + " "
              + abbreviate(response.body()));
    } catch (IOException e) {
      out.println("WARN  demo package '" + demo.name() + "' was not uploaded: " + e);
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
