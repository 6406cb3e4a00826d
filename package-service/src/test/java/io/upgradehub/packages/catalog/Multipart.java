package io.upgradehub.packages.catalog;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds multipart/form-data bodies byte by byte, including broken ones. */
final class Multipart {

  private final String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  Multipart json(String name, String json) {
    return part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  Multipart file(String name, byte[] content) {
    return part(name, "firmware.bin", "application/octet-stream", content);
  }

  Multipart part(String name, String filename, String contentType, byte[] content) {
    String disposition =
        "form-data; name=\""
            + name
            + "\""
            + (filename == null ? "" : "; filename=\"" + filename + "\"");
    write(
        "--"
            + boundary
            + "\r\nContent-Disposition: "
            + disposition
            + "\r\nContent-Type: "
            + contentType
            + "\r\n\r\n");
    body.writeBytes(content);
    write("\r\n");
    return this;
  }

  /** The complete body, closed with the final boundary. */
  byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(body.toByteArray());
    copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return copy.toByteArray();
  }

  /** The body without its closing boundary, as when a client is cut off. */
  byte[] truncated() {
    return body.toByteArray();
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  HttpRequest.BodyPublisher publisher() {
    return HttpRequest.BodyPublishers.ofByteArray(bytes());
  }

  private void write(String text) {
    body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
