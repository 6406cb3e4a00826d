package io.upgradehub.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Downloads a package from an {@code upgrade} message's URL into a file and verifies it as protocol
 * §4.5 says: size, then SHA-256, then the Ed25519 signature over the raw 32 digest bytes.
 *
 * <p>A download resumes from the bytes already stored with {@code Range: bytes=N-}: after a network
 * error, after a simulated interruption ({@link Fleet.Builder#interruptDownloads}), and after the
 * device received a fresh URL for the same job (§5.4). Blocking: runs on the fleet's download
 * threads, never on the MQTT event loop.
 */
final class PackageCheck {

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");
  private static final int ATTEMPTS = 3;

  /**
   * How a download ended: {@code code} 0 and verified, a failure code (−1 or −2) and why, or {@code
   * urlExpired} when the URL was refused after {@code urlExpiresAt} (ask again, §5.4).
   */
  record Outcome(int code, String description, boolean urlExpired) {
    static final Outcome VERIFIED = new Outcome(0, null, false);
    static final Outcome URL_EXPIRED = new Outcome(-1, "url expired", true);

    static Outcome failed(int code, String description) {
      return new Outcome(code, description, false);
    }
  }

  /** What the download needs from the fleet. */
  record Settings(
      HttpClient http, PublicKey publicKey, long interruptAfter, Duration interruptPause) {}

  private final Settings settings;
  private final Path file;
  private final Runnable onResume;

  /**
   * @param file where the bytes are stored; what is there already is resumed from
   * @param onResume called before every request that continues a partial file
   */
  PackageCheck(Settings settings, Path file, Runnable onResume) {
    this.settings = settings;
    this.file = file;
    this.onResume = onResume;
  }

  /**
   * Downloads what is missing of the file, then verifies it. On a verification failure the file is
   * deleted; on a download failure or an expired URL it is kept, so that a later call resumes.
   *
   * @param stopped polled between chunks: true abandons the download (the outcome is then null)
   */
  Outcome run(JsonNode command, BooleanSupplier stopped) {
    long size = command.path("size").asLong(-1);
    URI url;
    try {
      url = URI.create(command.path("url").asString(""));
    } catch (IllegalArgumentException e) {
      return Outcome.failed(-1, "download failed: bad url");
    }
    int failures = 0;
    while (!stopped.getAsBoolean()) {
      long stored = storedBytes();
      if (stored == size) {
        return verify(command);
      }
      try {
        Step step = fetch(url, stored, command.path("urlExpiresAt").asLong(Long.MAX_VALUE));
        if (step.outcome != null) {
          return step.outcome;
        }
        if (step.verifyNow) {
          return verify(command);
        }
        if (step.interrupted) {
          pause(settings.interruptPause());
        }
        failures = 0;
      } catch (IOException e) {
        if (++failures >= ATTEMPTS) {
          return Outcome.failed(-1, "download failed: " + e.getClass().getSimpleName());
        }
        pause(Duration.ofMillis(200L << failures)); // back off, then resume from what is stored
      }
    }
    return null;
  }

  /** One request: what it stored, or how the download ends. */
  private record Step(Outcome outcome, boolean verifyNow, boolean interrupted) {}

  private Step fetch(URI url, long stored, long urlExpiresAt) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2));
    if (stored > 0) {
      request.header("Range", "bytes=" + stored + "-");
      onResume.run();
    }
    HttpResponse<InputStream> response;
    try {
      response = settings.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 200) {
        // the whole file: whatever was stored is replaced
        return new Step(null, false, store(body, false));
      }
      if (status == 206) {
        Matcher range =
            CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        if (!range.matches() || Long.parseLong(range.group(1)) != stored) {
          Files.deleteIfExists(file); // not the range asked for: start again from the beginning
          return new Step(null, false, false);
        }
        return new Step(null, false, store(body, true));
      }
      if (status == 416) {
        // nothing left after what is stored: the stored file is complete or too long
        return new Step(null, true, false);
      }
      if (status == 403 && System.currentTimeMillis() >= urlExpiresAt) {
        return new Step(Outcome.URL_EXPIRED, false, false);
      }
      if (status >= 500 || status == 429) {
        throw new IOException("HTTP " + status);
      }
      return new Step(Outcome.failed(-1, "download failed: HTTP " + status), false, false);
    }
  }

  /** Copies the body into the file; true when a simulated interruption cut it short. */
  private boolean store(InputStream body, boolean append) throws IOException {
    long limit = settings.interruptAfter() > 0 ? settings.interruptAfter() : Long.MAX_VALUE;
    long copied = 0;
    byte[] buffer = new byte[8192];
    try (OutputStream out =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      int read;
      while ((read = body.read(buffer, 0, (int) Math.min(buffer.length, limit - copied))) > 0) {
        out.write(buffer, 0, read);
        copied += read;
        if (copied >= limit) {
          return body.read() >= 0; // more was coming: the connection "dropped" here
        }
      }
    }
    return false;
  }

  private long storedBytes() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** Size, SHA-256, signature; any mismatch deletes the file and reports −2. */
  Outcome verify(JsonNode command) {
    Outcome outcome = check(command);
    if (outcome.code() != 0) {
      delete();
    }
    return outcome;
  }

  private Outcome check(JsonNode command) {
    long stored = storedBytes();
    if (stored != command.path("size").asLong(-1)) {
      return Outcome.failed(-2, "size mismatch: " + stored + " bytes");
    }
    byte[] digest;
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      int read;
      while ((read = in.read(buffer)) > 0) {
        sha256.update(buffer, 0, read);
      }
      digest = sha256.digest();
    } catch (IOException e) {
      return Outcome.failed(-1, "cannot read the download: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    if (!HexFormat.of().formatHex(digest).equals(command.path("sha256").asString(""))) {
      return Outcome.failed(-2, "sha256 mismatch");
    }
    if (!"Ed25519".equals(command.path("signMethod").asString(""))) {
      return Outcome.failed(-2, "unknown signMethod");
    }
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initVerify(settings.publicKey());
      signature.update(digest);
      if (!signature.verify(Base64.getDecoder().decode(command.path("signature").asString("")))) {
        return Outcome.failed(-2, "signature does not verify");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Outcome.failed(-2, "signature does not verify");
    }
    return Outcome.VERIFIED;
  }

  /** Removes the stored bytes (after a failure, a cancel, or once installed). */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the fleet's download directory is removed on close
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
