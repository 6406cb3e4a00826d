package io.upgradehub.inventory.device;

import io.upgradehub.inventory.product.Product;
import io.upgradehub.inventory.system.ErrorCode;
import io.upgradehub.problems.FieldErrors;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rows of a CSV import: a header {@code deviceName[,<module>...]}, then one device a line, a
 * cell per column, an empty cell meaning no version of that module. A column named {@value
 * #TAGS_COLUMN}, anywhere after the first, holds the device's tags separated by {@code ;} instead
 * of a module's version (so a module of that name cannot be imported from CSV). Cells are trimmed;
 * a cell in double quotes is unquoted ({@code ""} is one quote), but no cell may contain a comma or
 * a line break, which neither a device name, a version nor a tag can.
 */
final class CsvImportRows implements ImportRows {

  static final String NAME_COLUMN = "deviceName";
  static final String TAGS_COLUMN = "tags";

  private final ImportLines lines;

  /** The name of each column after the first: a module, or {@value #TAGS_COLUMN}. */
  private final List<String> columns;

  /**
   * Reads and checks the header, before any row.
   *
   * @throws io.upgradehub.problems.ApiException {@code VALIDATION_FAILED} (no header, first column
   *     not {@value #NAME_COLUMN}, an empty or repeated column), {@code UNKNOWN_MODULE} (a module
   *     column the product does not have)
   */
  CsvImportRows(Reader body, int maxLineChars, Product product) throws IOException {
    this.lines = new ImportLines(body, maxLineChars);
    String header = lines.next();
    while (header != null && header.isBlank()) {
      header = lines.next();
    }
    FieldErrors errors = new FieldErrors();
    if (header == null || lines.tooLong()) {
      errors.add("header", "REQUIRED", "a header line starting with 'deviceName' is required");
      errors.throwIfAny();
    }
    List<String> columns = cells(header);
    if (!columns.get(0).equals(NAME_COLUMN)) {
      errors.add("header", "REQUIRED", "the first column must be 'deviceName'");
    }
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (column.isEmpty()) {
        errors.add("header", "INVALID_MODULE", "a column has no name");
      } else if (!seen.add(column)) {
        errors.add("header." + column, "DUPLICATE", "the column appears twice");
      }
    }
    errors.throwIfAny();
    this.columns = columns.subList(1, columns.size());
    FieldErrors unknown = new FieldErrors();
    this.columns.stream()
        .filter(module -> !module.equals(TAGS_COLUMN) && !product.hasModule(module))
        .forEach(
            module ->
                unknown.add(
                    "header." + module,
                    "UNKNOWN_MODULE",
                    "product '" + product.productKey() + "' has no module '" + module + "'"));
    unknown.throwIfAny(ErrorCode.UNKNOWN_MODULE);
  }

  @Override
  public @Nullable ImportRow next() throws IOException {
    String line = lines.next();
    while (line != null && line.isBlank()) {
      line = lines.next();
    }
    if (line == null) {
      return null;
    }
    List<String> cells = cells(line);
    String name = cells.get(0);
    if (lines.tooLong()) {
      return ImportRow.unreadable(lines.number(), name, "the line is too long");
    }
    if (cells.size() != columns.size() + 1) {
      return ImportRow.unreadable(
          lines.number(),
          name,
          "the line has " + cells.size() + " cells, the header " + (columns.size() + 1));
    }
    Map<String, @Nullable String> versions = new LinkedHashMap<>();
    List<@Nullable String> tags = null;
    for (int i = 0; i < columns.size(); i++) {
      String cell = cells.get(i + 1);
      if (columns.get(i).equals(TAGS_COLUMN)) {
        tags = tags(cell);
      } else if (!cell.isEmpty()) {
        versions.put(columns.get(i), cell);
      }
    }
    return ImportRow.of(lines.number(), new NewDeviceRequest(name, versions, tags));
  }

  /** A tags cell: tags separated by ';', each trimmed; empty parts (as in "a;;b;") are none. */
  private static List<@Nullable String> tags(String cell) {
    List<@Nullable String> tags = new ArrayList<>();
    for (String part : cell.split(";")) {
      if (!part.isBlank()) {
        tags.add(part.strip());
      }
    }
    return tags;
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    int start = 0;
    while (true) {
      int comma = line.indexOf(',', start);
      String cell = (comma < 0 ? line.substring(start) : line.substring(start, comma)).strip();
      if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
        cell = cell.substring(1, cell.length() - 1).replace("\"\"", "\"");
      }
      cells.add(cell);
      if (comma < 0) {
        return cells;
      }
      start = comma + 1;
    }
  }
}
