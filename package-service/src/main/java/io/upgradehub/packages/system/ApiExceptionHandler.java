package io.upgradehub.packages.system;

import io.upgradehub.problems.ErrorKey;
import io.upgradehub.problems.ProblemExceptionHandler;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problems for this service's API; see {@link ProblemExceptionHandler}. */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemExceptionHandler {

  /** Tomcat's own size limit answers 413 before the upload code sees a byte. */
  @Override
  protected ErrorKey keyFor(HttpStatusCode status) {
    return status.value() == 413 ? ErrorCode.PACKAGE_TOO_LARGE : super.keyFor(status);
  }
}
