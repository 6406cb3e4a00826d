package io.upgradehub.inventory.device;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a bulk import did: how many rows created a device, named one the product had already
 * (before, or earlier in the file) or were invalid, and the first {@value DeviceImport#MAX_ERRORS}
 * of the rows not created, in file order.
 */
@Schema(description = "What a bulk import did")
record ImportResult(
    long created, long duplicates, long invalid, List<ImportResult.RowError> errors) {

  /**
   * A row that created no device.
   *
   * @param line the row's line in the file (1-based; the CSV header is line 1)
   * @param deviceName the name the row gives, null when it cannot be told
   * @param field the field at fault for an invalid field, else null
   * @param code {@code DEVICE_ALREADY_EXISTS}, a field code ({@code REQUIRED}, {@code TOO_LONG},
   *     {@code INVALID_FORMAT}, {@code INVALID_MODULE}), {@code UNKNOWN_MODULE}, {@code
   *     MALFORMED_ROW} or {@code TOO_MANY_ROWS}
   */
  record RowError(
      long line,
      @Nullable String deviceName,
      @Nullable String field,
      String code,
      String message) {}
}
