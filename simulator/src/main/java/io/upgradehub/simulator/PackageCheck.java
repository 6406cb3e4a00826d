package io.upgradehub.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Downloads a package from an {@code upgrade} message's URL and verifies it as protocol §4.5 says:
 * size, then SHA-256, then the Ed25519 signature over the raw 32 digest bytes.
 */
final class PackageCheck {

  /** {@code code} 0 when the package is good, else the failure code (−1 or −2) and why. */
  record Outcome(int code, String description) {
    static final Outcome GOOD = new Outcome(0, null);
  }

  private PackageCheck() {}

  static CompletableFuture<Outcome> download(
      HttpClient http, JsonNode command, PublicKey publicKey) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(command.path("url").asString("")))
              .timeout(Duration.ofMinutes(5))
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new Outcome(-1, "bad url"));
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, error) -> {
              if (error != null) {
                return new Outcome(-1, "download failed: " + error.getClass().getSimpleName());
              }
              if (response.statusCode() != 200) {
                return new Outcome(-1, "download failed: HTTP " + response.statusCode());
              }
              return verify(response.body(), command, publicKey);
            });
  }

  static Outcome verify(byte[] file, JsonNode command, PublicKey publicKey) {
    if (file.length != command.path("size").asLong(-1)) {
      return new Outcome(-2, "size mismatch: " + file.length);
    }
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(file);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    if (!HexFormat.of().formatHex(digest).equals(command.path("sha256").asString(""))) {
      return new Outcome(-2, "sha256 mismatch");
    }
    if (!"Ed25519".equals(command.path("signMethod").asString(""))) {
      return new Outcome(-2, "unknown signMethod");
    }
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initVerify(publicKey);
      signature.update(digest);
      if (!signature.verify(Base64.getDecoder().decode(command.path("signature").asString("")))) {
        return new Outcome(-2, "signature does not verify");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return new Outcome(-2, "signature does not verify");
    }
    return Outcome.GOOD;
  }
}
