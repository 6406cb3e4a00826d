package io.upgradehub.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The platform's package-signing public key, as {@code GET /api/v1/packages/signing-key} serves it
 * (docs/packages-api.md): what a real device is provisioned with at manufacturing.
 */
public final class SigningKey {

  private SigningKey() {}

  /**
   * Fetches the key.
   *
   * @param url the full URL of {@code /api/v1/packages/signing-key}, through the gateway or on
   *     package-service itself
   * @param apiKey a key for the gateway ({@code Authorization: Bearer}), or null
   * @return the {@code publicKey} field: base64 of the X.509 SubjectPublicKeyInfo, for {@link
   *     Fleet.Builder#verifyDownloads(String)}
   * @throws IllegalStateException when the key cannot be fetched; the message says why
   */
  public static String fetch(URI url, String apiKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).header("Accept", "*/*");
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot fetch the signing key from " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fetching the signing key", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "the signing key at " + url + " answered HTTP " + response.statusCode());
    }
    JsonNode body;
    try {
      body = SimulatedDevice.JSON.readTree(response.body());
    } catch (RuntimeException e) {
      throw new IllegalStateException("the signing key at " + url + " is not JSON", e);
    }
    String key = body.path("publicKey").asString("");
    if (key.isBlank()) {
      throw new IllegalStateException("the answer of " + url + " has no publicKey");
    }
    return key;
  }
}
