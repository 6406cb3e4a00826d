package io.upgradehub.platform.seed;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body for {@link java.net.http.HttpClient}. File parts can
 * come from a {@link Path} and are then streamed, never read into memory.
 *
 * <pre>{@code
 * MultipartBody body = MultipartBody.builder()
 *     .part("metadata", "application/json", json)
 *     .file("file", "firmware.bin", "application/octet-stream", bytes)
 *     .build();
 * HttpRequest.newBuilder(uri).header("Content-Type", body.contentType()).POST(body.publisher())
 * }</pre>
 */
public final class MultipartBody {

  private static final String CRLF = "\r\n";

  private final String boundary;
  private final List<BodyPublisher> pieces;

  private MultipartBody(String boundary, List<BodyPublisher> pieces) {
    this.boundary = boundary;
    this.pieces = pieces;
  }

  public static Builder builder() {
    return new Builder("upgradehub-" + UUID.randomUUID());
  }

  /** The {@code Content-Type} header value, with the boundary. */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public String boundary() {
    return boundary;
  }

  /** A publisher of the whole body, with a known length. */
  public BodyPublisher publisher() {
    return BodyPublishers.concat(pieces.toArray(HttpRequest.BodyPublisher[]::new));
  }

  /** Collects the parts in order. */
  public static final class Builder {

    private final String boundary;
    private final List<BodyPublisher> pieces = new ArrayList<>();

    private Builder(String boundary) {
      this.boundary = boundary;
    }

    /** A part with a text value, such as a JSON document. */
    public Builder part(String name, String contentType, String value) {
      return add(name, null, contentType, BodyPublishers.ofString(value, StandardCharsets.UTF_8));
    }

    /** A file part from memory. */
    public Builder file(String name, String filename, String contentType, byte[] content) {
      return add(name, filename, contentType, BodyPublishers.ofByteArray(content));
    }

    /**
     * A file part streamed from disk.
     *
     * @throws UncheckedIOException when the file does not exist
     */
    public Builder file(String name, String filename, String contentType, Path content) {
      try {
        return add(name, filename, contentType, BodyPublishers.ofFile(content));
      } catch (FileNotFoundException e) {
        throw new UncheckedIOException(e);
      }
    }

    private Builder add(String name, String filename, String contentType, BodyPublisher content) {
      Objects.requireNonNull(name, "name");
      StringBuilder head = new StringBuilder();
      head.append("--").append(boundary).append(CRLF);
      head.append("Content-Disposition: form-data; name=\"").append(quoted(name)).append('"');
      if (filename != null) {
        head.append("; filename=\"").append(quoted(filename)).append('"');
      }
      head.append(CRLF);
      head.append("Content-Type: ").append(contentType).append(CRLF).append(CRLF);
      pieces.add(BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
      pieces.add(content);
      pieces.add(BodyPublishers.ofString(CRLF, StandardCharsets.UTF_8));
      return this;
    }

    private static String quoted(String value) {
      return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
    }

    public MultipartBody build() {
      List<BodyPublisher> all = new ArrayList<>(pieces);
      all.add(BodyPublishers.ofString("--" + boundary + "--" + CRLF, StandardCharsets.UTF_8));
      return new MultipartBody(boundary, List.copyOf(all));
    }
  }
}
