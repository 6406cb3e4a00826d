package io.upgradehub.packages.storage;

import io.upgradehub.packages.system.ErrorCode;
import io.upgradehub.problems.ApiException;
import java.io.IOException;

/**
 * Raised from inside an upload stream handed to {@link ObjectStorage#put} (a limit was exceeded,
 * the client went away); {@code put} rethrows it as it is rather than blaming the store.
 */
public class CallerStreamException extends ApiException {

  private static final long serialVersionUID = 1L;

  public CallerStreamException(ErrorCode code, String detail) {
    super(code, detail);
  }

  public CallerStreamException(ErrorCode code, String detail, IOException cause) {
    super(code, detail, cause);
  }
}
