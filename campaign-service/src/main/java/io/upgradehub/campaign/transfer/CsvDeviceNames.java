package io.upgradehub.campaign.transfer;

import io.upgradehub.problems.FieldErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The device names of a transfer sent as CSV, read as the body streams in: a header whose first
 * column is {@value #NAME_COLUMN}, then a device a line, its name in the first cell. Other columns
 * (an export's versions, say) are ignored, blank lines skipped, cells trimmed and unquoted. The
 * names are checked by {@link TransferRequests} as a JSON list's are: {@code deviceNames[i]} is the
 * i-th device line, counted from 0.
 */
final class CsvDeviceNames {

  static final String NAME_COLUMN = "deviceName";

  private CsvDeviceNames() {}

  /**
   * @throws io.upgradehub.problems.ApiException {@code VALIDATION_FAILED} when the header is
   *     missing or wrong, or there are more than {@link TransferRequests#MAX_DEVICES} lines
   */
  static List<String> read(InputStream body) throws IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
    String header = nextLine(reader);
    if (header != null && header.startsWith("\uFEFF")) {
      header = header.substring(1); // a UTF-8 byte order mark, before any quote
    }
    if (header == null || !NAME_COLUMN.equals(firstCell(header))) {
      new FieldErrors()
          .add("body", "INVALID_HEADER", "the first line must be '" + NAME_COLUMN + "'")
          .throwIfAny();
    }
    List<String> names = new ArrayList<>();
    for (String line = nextLine(reader); line != null; line = nextLine(reader)) {
      if (names.size() == TransferRequests.MAX_DEVICES) {
        new FieldErrors()
            .add(
                "deviceNames",
                "TOO_MANY",
                "at most " + TransferRequests.MAX_DEVICES + " devices a transfer")
            .throwIfAny();
      }
      names.add(firstCell(line));
    }
    return names;
  }

  /** The next line that is not blank; null at the end. */
  private static String nextLine(BufferedReader reader) throws IOException {
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.isBlank()) {
        return line;
      }
    }
    return null;
  }

  private static String firstCell(String line) {
    int comma = line.indexOf(',');
    String cell = (comma < 0 ? line : line.substring(0, comma)).strip();
    if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
      cell = cell.substring(1, cell.length() - 1).replace("\"\"", "\"").strip();
    }
    return cell;
  }
}
