package io.upgradehub.inventory.device;

import java.io.IOException;
import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a text body, read as they arrive: only one line is held at a time, and a line longer
 * than the limit is not held at all (its rest is skipped), so a body without line breaks cannot
 * fill the memory. Ends at {@code \n}, {@code \r\n} or the end; a leading byte order mark is
 * dropped.
 */
final class ImportLines {

  private final Reader reader;
  private final int maxChars;
  private final StringBuilder line = new StringBuilder();
  private long number;
  private boolean tooLong;
  private boolean started;

  ImportLines(Reader reader, int maxChars) {
    this.reader = reader;
    this.maxChars = maxChars;
  }

  /** The next line without its line break, or null at the end of the body. */
  @Nullable String next() throws IOException {
    line.setLength(0);
    tooLong = false;
    int c = reader.read();
    if (c == -1) {
      return null;
    }
    if (!started) {
      started = true;
      if (c == '\uFEFF') {
        c = reader.read();
        if (c == -1) {
          return null;
        }
      }
    }
    number++;
    while (c != -1 && c != '\n') {
      if (line.length() < maxChars) {
        line.append((char) c);
      } else {
        tooLong = true;
      }
      c = reader.read();
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return line.toString();
  }

  /** The 1-based number of the line last read. */
  long number() {
    return number;
  }

  /** Whether the line last read was longer than the limit (and so was cut short). */
  boolean tooLong() {
    return tooLong;
  }
}
