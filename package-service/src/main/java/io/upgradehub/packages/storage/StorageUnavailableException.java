package io.upgradehub.packages.storage;

import io.upgradehub.packages.system.ErrorCode;
import io.upgradehub.problems.ApiException;

/** The object store could not be reached or refused an operation. */
public class StorageUnavailableException extends ApiException {

  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String action, Throwable cause) {
    super(ErrorCode.STORAGE_UNAVAILABLE, "Object storage failed to " + action, cause);
  }
}
