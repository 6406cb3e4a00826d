package io.upgradehub.notification.system;

import io.upgradehub.problems.ProblemExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problems for this service's API; see {@link ProblemExceptionHandler}. */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemExceptionHandler {}
