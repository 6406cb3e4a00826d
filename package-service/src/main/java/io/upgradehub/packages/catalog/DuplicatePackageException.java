package io.upgradehub.packages.catalog;

import io.upgradehub.packages.system.ErrorCode;
import io.upgradehub.problems.ApiException;

/** A live package with the same product, module, type, target and from-versions exists. */
class DuplicatePackageException extends ApiException {

  private static final long serialVersionUID = 1L;

  DuplicatePackageException(String identity) {
    super(
        ErrorCode.PACKAGE_ALREADY_EXISTS,
        "A package with the same product, module, type, target version and from-versions exists ("
            + identity
            + ")");
  }
}
