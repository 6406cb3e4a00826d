package io.upgradehub.adapter.system;

import io.upgradehub.problems.ProblemExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problems for the device-facing HTTP API; see {@link ProblemExceptionHandler}. */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemExceptionHandler {}
