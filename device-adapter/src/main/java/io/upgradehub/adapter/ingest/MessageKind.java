package io.upgradehub.adapter.ingest;

import java.util.Optional;

/** The device → platform messages of the protocol, named by their topic suffix. */
public enum MessageKind {
  STATUS("status"),
  INFORM("inform"),
  PROGRESS("progress"),
  REQUEST("request");

  private final String suffix;

  MessageKind(String suffix) {
    this.suffix = suffix;
  }

  /** The last topic level, e.g. {@code inform}; also the {@code message} tag of the metrics. */
  public String suffix() {
    return suffix;
  }

  /** The kind whose topic suffix is {@code suffix}; empty for anything else (including null). */
  public static Optional<MessageKind> ofSuffix(String suffix) {
    for (MessageKind kind : values()) {
      if (kind.suffix.equals(suffix)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
