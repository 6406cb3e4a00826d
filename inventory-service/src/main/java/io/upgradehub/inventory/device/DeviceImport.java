package io.upgradehub.inventory.device;

import io.upgradehub.inventory.product.Product;
import io.upgradehub.inventory.product.ProductManagement;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers many devices of a product from one file (CSV, NDJSON or a JSON array) as it is read:
 * every row checked as a single registration is, valid rows stored in chunks of up to {@value
 * #CHUNK} (one unordered bulk insert each), and each chunk's versions counted in the version
 * distribution with one update per counter document ({@link DeviceRegistration}, which also
 * recovers a chunk a stop interrupted). Holds one chunk at a time, so memory stays flat however
 * long the file.
 */
@Service
class DeviceImport {

  /** Rows one import registers at most; rows past it are counted invalid, {@code TOO_MANY_ROWS}. */
  static final int MAX_ROWS = 1_000_000;

  /**
   * Valid rows stored (and counted) together at most. Counting a chunk costs one update per counter
   * document it touches (up to 64 per module) whatever its size, so larger chunks count a large
   * import in fewer updates; 10,000 small devices take a few MB while stored.
   */
  static final int CHUNK = 10_000;

  /**
   * Versions a chunk holds at most, so that its record ({@link ImportChunks}, ~60 bytes a version)
   * stays a few MB even when every device has many modules; a chunk is stored when full either way.
   */
  static final int CHUNK_VERSIONS = 50_000;

  /** Rows not created that the answer lists. */
  static final int MAX_ERRORS = 100;

  /** Characters a line may have: a device with 32 modules fits several times over. */
  static final int MAX_LINE_CHARS = 16 * 1024;

  static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");
  static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private static final Logger log = LoggerFactory.getLogger(DeviceImport.class);

  private final DeviceRegistration registration;
  private final ProductManagement products;
  private final JsonMapper json;

  DeviceImport(DeviceRegistration registration, ProductManagement products, JsonMapper json) {
    this.registration = registration;
    this.products = products;
    this.json = json;
  }

  /**
   * Imports the devices of {@code body}, read in {@code type}'s charset (UTF-8 by default). The
   * product and, for CSV, the header are checked before any row is read; after that every row is
   * answered in the result, and the rows read up to a broken JSON array stay imported.
   *
   * @throws ApiException {@code PRODUCT_NOT_FOUND}; {@code VALIDATION_FAILED} or {@code
   *     UNKNOWN_MODULE} for a bad CSV header; {@code MALFORMED_REQUEST} for a JSON body that is no
   *     array; {@code UNSUPPORTED_MEDIA_TYPE} for another type or an unknown charset
   */
  ImportResult run(String productKey, MediaType type, InputStream body) throws IOException {
    Product product = products.get(productKey);
    Charset charset = charset(type);
    Reader reader = new BufferedReader(new InputStreamReader(body, charset), 64 * 1024);
    ImportRows rows;
    if (type.isCompatibleWith(TEXT_CSV)) {
      rows = new CsvImportRows(reader, MAX_LINE_CHARS, product);
    } else if (type.isCompatibleWith(NDJSON)) {
      rows = JsonImportRows.ndjson(reader, MAX_LINE_CHARS, json);
    } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
      rows = JsonImportRows.array(reader, json);
    } else {
      throw new ApiException(
          CommonError.UNSUPPORTED_MEDIA_TYPE,
          "an import is text/csv, application/x-ndjson or application/json");
    }
    Tally tally = new Tally();
    List<Row> chunk = new ArrayList<>();
    int versions = 0;
    long read = 0;
    for (ImportRow row = rows.next(); row != null; row = rows.next()) {
      read++;
      if (read > MAX_ROWS) {
        tally.invalid(
            row, null, "TOO_MANY_ROWS", "an import registers at most " + MAX_ROWS + " devices");
        continue;
      }
      NewDevice device = check(row, product, tally);
      if (device != null) {
        chunk.add(new Row(row.line(), device));
        versions += device.versions().size();
        if (chunk.size() == CHUNK || versions >= CHUNK_VERSIONS) {
          store(productKey, chunk, tally);
          chunk.clear();
          versions = 0;
        }
      }
    }
    store(productKey, chunk, tally);
    log.info(
        "imported devices of product {}: {} created, {} duplicates, {} invalid",
        productKey,
        tally.created,
        tally.duplicates,
        tally.invalid);
    return new ImportResult(tally.created, tally.duplicates, tally.invalid, tally.firstErrors());
  }

  private static Charset charset(MediaType type) {
    try {
      return type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          CommonError.UNSUPPORTED_MEDIA_TYPE,
          "unknown charset '" + type.getParameter("charset") + "'; UTF-8 is the default");
    }
  }

  /** The row as a device to register, or null when it is invalid (then counted so). */
  private static @Nullable NewDevice check(ImportRow row, Product product, Tally tally) {
    if (row.request() == null) {
      tally.invalid(row, null, "MALFORMED_ROW", String.valueOf(row.unreadable()));
      return null;
    }
    NewDevice device;
    try {
      device = row.request().validate();
    } catch (ApiException e) {
      FieldError first = e.fieldErrors().get(0);
      tally.invalid(row, first.field(), first.code(), first.message());
      return null;
    }
    for (String module : device.versions().keySet()) {
      if (!product.hasModule(module)) {
        tally.invalid(
            row,
            "versions." + module,
            "UNKNOWN_MODULE",
            "product '" + product.productKey() + "' has no module '" + module + "'");
        return null;
      }
    }
    return device;
  }

  /** Registers a chunk, and tallies each of its rows as created or a duplicate. */
  private void store(String productKey, List<Row> chunk, Tally tally) {
    // a name repeated within the chunk: the first row wins (an unordered insert would not say
    // which one a real MongoDB stored)
    Set<String> names = new HashSet<>();
    List<Row> first = new ArrayList<>(chunk.size());
    for (Row row : chunk) {
      if (names.add(row.device().deviceName())) {
        first.add(row);
      } else {
        tally.duplicate(row.line(), new DeviceId(productKey, row.device().deviceName()));
      }
    }
    Set<String> taken =
        registration.registerChunk(productKey, first.stream().map(Row::device).toList());
    for (Row row : first) {
      if (taken.contains(row.device().deviceName())) {
        tally.duplicate(row.line(), new DeviceId(productKey, row.device().deviceName()));
      } else {
        tally.created++;
      }
    }
  }

  private record Row(long line, NewDevice device) {}

  /** The counts and the first errors of one import. */
  private static final class Tally {
    long created;
    long duplicates;
    long invalid;

    /** The rows not created with the lowest lines so far, the highest first. */
    private final PriorityQueue<ImportResult.RowError> errors =
        new PriorityQueue<>(Comparator.comparingLong(ImportResult.RowError::line).reversed());

    void invalid(ImportRow row, @Nullable String field, String code, String message) {
      invalid++;
      error(
          new ImportResult.RowError(row.line(), shortened(row.deviceName()), field, code, message));
    }

    void duplicate(long line, DeviceId id) {
      duplicates++;
      error(
          new ImportResult.RowError(
              line,
              id.deviceName(),
              "deviceName",
              "DEVICE_ALREADY_EXISTS",
              "the product has a device of this name already (registered before, or earlier in"
                  + " this import)"));
    }

    /**
     * Keeps the error when it is among the {@value DeviceImport#MAX_ERRORS} of the lowest lines: a
     * chunk's duplicates are only known after the rows behind it were checked.
     */
    private void error(ImportResult.RowError error) {
      errors.add(error);
      if (errors.size() > MAX_ERRORS) {
        errors.poll();
      }
    }

    List<ImportResult.RowError> firstErrors() {
      return errors.stream().sorted(Comparator.comparingLong(ImportResult.RowError::line)).toList();
    }

    /** A name as the report shows it: a row's invalid name may be very long. */
    private static @Nullable String shortened(@Nullable String name) {
      return name == null || name.length() <= NewDeviceRequest.MAX_NAME
          ? name
          : name.substring(0, NewDeviceRequest.MAX_NAME) + "…";
    }
  }
}
