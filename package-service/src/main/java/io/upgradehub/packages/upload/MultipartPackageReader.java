package io.upgradehub.packages.upload;

import io.upgradehub.packages.system.ErrorCode;
import io.upgradehub.problems.ApiException;
import io.upgradehub.problems.CommonError;
import io.upgradehub.problems.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a package upload straight off the request: the {@code metadata} part (JSON) first, then the
 * {@code file} part, handed over as a stream while it is still arriving. Nothing is buffered whole
 * in memory or spooled to disk, so the size of a package is bounded by storage alone.
 */
@Component
public class MultipartPackageReader {

  static final String METADATA = "metadata";
  static final String FILE = "file";
  private static final int MAX_METADATA_BYTES = 64 * 1024;

  private final JsonMapper json;
  private final JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();

  MultipartPackageReader(JsonMapper json) {
    this.json = json;
  }

  /**
   * Parses the metadata part as {@code metadataType}, then calls {@code handler} with it and the
   * file stream; parts after the file are ignored.
   *
   * @throws ApiException {@code MALFORMED_MULTIPART}, {@code METADATA_REQUIRED}, {@code
   *     FILE_REQUIRED}, {@code MALFORMED_REQUEST} for unreadable metadata, or what the handler
   *     throws
   */
  public <M, R> R read(
      HttpServletRequest request, Class<M> metadataType, BiFunction<M, InputStream, R> handler) {
    if (!JakartaServletFileUpload.isMultipartContent(request)) {
      throw new ApiException(
          CommonError.UNSUPPORTED_MEDIA_TYPE, "A package upload must be multipart/form-data");
    }
    try {
      FileItemInputIterator parts = upload.getItemIterator(request);
      M metadata = null;
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        if (METADATA.equals(part.getFieldName())) {
          metadata = parseMetadata(part, metadataType);
        } else if (FILE.equals(part.getFieldName())) {
          if (metadata == null) {
            throw new ApiException(
                ErrorCode.METADATA_REQUIRED,
                "The 'metadata' part must come before the 'file' part");
          }
          try (InputStream file = part.getInputStream()) {
            return handler.apply(metadata, file);
          }
        }
        // other parts are skipped: a newer client may send fields this version does not know
      }
      if (metadata == null) {
        throw new ApiException(ErrorCode.METADATA_REQUIRED, "The 'metadata' part is missing");
      }
      throw new ApiException(ErrorCode.FILE_REQUIRED, "The 'file' part is missing");
    } catch (FileUploadException e) {
      throw new ApiException(ErrorCode.MALFORMED_MULTIPART, "The multipart body is malformed");
    } catch (IOException e) {
      throw new ApiException(
          ErrorCode.MALFORMED_MULTIPART, "The multipart body is malformed or was cut off");
    }
  }

  private <M> M parseMetadata(FileItemInput part, Class<M> type) throws IOException {
    try (InputStream in = part.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_METADATA_BYTES + 1);
      if (bytes.length > MAX_METADATA_BYTES) {
        throw new ApiException(
            CommonError.MALFORMED_REQUEST,
            "The 'metadata' part exceeds " + MAX_METADATA_BYTES + " bytes");
      }
      M metadata = json.readValue(bytes, type);
      if (metadata == null) {
        throw new ApiException(ErrorCode.METADATA_REQUIRED, "The 'metadata' part is empty");
      }
      return metadata;
    } catch (DatabindException e) {
      String field =
          e.getPath().isEmpty() || e.getPath().get(0).getPropertyName() == null
              ? METADATA
              : e.getPath().get(0).getPropertyName();
      throw new ApiException(
          CommonError.MALFORMED_REQUEST,
          "The 'metadata' part cannot be read",
          List.of(new FieldError(field, "INVALID_VALUE", "wrong type or not valid JSON")));
    } catch (JacksonException e) {
      throw new ApiException(
          CommonError.MALFORMED_REQUEST,
          "The 'metadata' part is not valid JSON",
          List.of(new FieldError(METADATA, "INVALID_JSON", "not valid JSON")));
    }
  }
}
