package io.upgradehub.platform.seed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A small demo firmware package: its metadata and generated content.
 *
 * @param fromVersions empty for a FULL package that any version may take
 */
record DemoPackage(
    String name,
    String type,
    String productKey,
    String module,
    String targetVersion,
    List<String> fromVersions,
    String description,
    int size) {

  static final List<DemoPackage> ALL =
      List.of(
          new DemoPackage(
              "Thermostat firmware 1.2.0",
              "FULL",
              "demo-thermostat",
              "default",
              "1.2.0",
              List.of(),
              "Demo package: full image, any version may upgrade to it.",
              48 * 1024),
          new DemoPackage(
              "Thermostat delta 1.1.0 to 1.2.0",
              "DIFF",
              "demo-thermostat",
              "default",
              "1.2.0",
              List.of("1.1.0"),
              "Demo package: a differential update from 1.1.0.",
              12 * 1024),
          new DemoPackage(
              "Gateway MCU firmware 2.0.1",
              "FULL",
              "demo-gateway",
              "mcu",
              "2.0.1",
              List.of("1.9.0", "2.0.0"),
              "Demo package: the MCU module of a gateway device.",
              64 * 1024));

  /** The metadata part, as the package-service API expects it. */
  String metadataJson() {
    return "{"
        + field("name", name)
        + ","
        + field("type", type)
        + ","
        + field("productKey", productKey)
        + ","
        + field("module", module)
        + ","
        + field("targetVersion", targetVersion)
        + ",\"fromVersions\":["
        + fromVersions.stream().map(DemoPackage::quote).collect(Collectors.joining(","))
        + "],"
        + field("description", description)
        + "}";
  }

  String filename() {
    return productKey + "-" + module + "-" + targetVersion + "-" + type.toLowerCase() + ".bin";
  }

  /** Deterministic bytes: a readable header, then pseudo-random filler like a real image. */
  byte[] content() {
    byte[] bytes = new byte[size];
    new Random(filename().hashCode()).nextBytes(bytes);
    byte[] header =
        ("UPGRADEHUB-DEMO " + productKey + "/" + module + " " + targetVersion + "\n")
            .getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, bytes, 0, Math.min(header.length, bytes.length));
    return bytes;
  }

  private static String field(String name, String value) {
    return quote(name) + ":" + quote(value);
  }

  static String quote(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
