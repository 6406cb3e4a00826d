package io.upgradehub.inventory.device;

import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import java.io.Reader;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of a JSON import, each an object like the body of a single registration: either one
 * object a line (NDJSON), or one array of objects read with a streaming parser, one element at a
 * time, never the whole array.
 */
final class JsonImportRows {

  private JsonImportRows() {}

  /**
   * One object a line; a line that is not one is a row that cannot be read, and reading goes on.
   */
  static ImportRows ndjson(Reader body, int maxLineChars, JsonMapper json) {
    ImportLines lines = new ImportLines(body, maxLineChars);
    return () -> {
      String line = lines.next();
      while (line != null && line.isBlank()) {
        line = lines.next();
      }
      if (line == null) {
        return null;
      }
      if (lines.tooLong()) {
        return ImportRow.unreadable(lines.number(), null, "the line is too long");
      }
      JsonNode node;
      try {
        node = json.readTree(line);
      } catch (JacksonException e) {
        return ImportRow.unreadable(lines.number(), null, "the line is not JSON");
      }
      return row(lines.number(), node, json);
    };
  }

  /**
   * One array of objects. An element that is not a device object is a row that cannot be read; a
   * body that stops being JSON ends the import there, with one such row telling where.
   *
   * @throws ApiException {@code MALFORMED_REQUEST} when the body does not start an array
   */
  static ImportRows array(Reader body, JsonMapper json) {
    JsonParser parser;
    try {
      parser = json.createParser(body);
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new ApiException(CommonError.MALFORMED_REQUEST, "expected a JSON array of devices");
      }
    } catch (JacksonException e) {
      throw new ApiException(CommonError.MALFORMED_REQUEST, "expected a JSON array of devices");
    }
    // one element of the array at a time: what follows it is the rest of the array, not an error
    ObjectReader elements =
        json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return new ImportRows() {
      private boolean ended;

      @Override
      public @Nullable ImportRow next() {
        if (ended) {
          return null;
        }
        long line = parser.currentLocation().getLineNr();
        try {
          JsonToken token = parser.nextToken();
          if (token == null || token == JsonToken.END_ARRAY) {
            ended = true;
            return null;
          }
          line = parser.currentTokenLocation().getLineNr();
          JsonNode node = elements.readValue(parser);
          return row(line, node, json);
        } catch (JacksonException e) {
          ended = true;
          return ImportRow.unreadable(line, null, "the JSON is broken here; the rest was not read");
        }
      }
    };
  }

  private static ImportRow row(long line, JsonNode node, JsonMapper json) {
    JsonNode name = node.path("deviceName");
    String deviceName = name.isString() ? name.asString() : null;
    if (!node.isObject()) {
      return ImportRow.unreadable(line, null, "a device is a JSON object");
    }
    try {
      return ImportRow.of(line, json.treeToValue(node, NewDeviceRequest.class));
    } catch (JacksonException e) {
      return ImportRow.unreadable(
          line,
          deviceName,
          "a field has the wrong type ('versions' is an object of strings, 'tags' an array of"
              + " strings)");
    }
  }
}
