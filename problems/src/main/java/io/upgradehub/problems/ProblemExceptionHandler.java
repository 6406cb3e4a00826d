package io.upgradehub.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code code}; never a class name or a
 * stack trace. Spring MVC's own exceptions keep their status and get a code too. A service extends
 * it with its own package-private {@code @RestControllerAdvice}, overriding {@link
 * #keyFor(HttpStatusCode)} where one of its keys fits a status better than the common one.
 */
public abstract class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  protected ResponseEntity<Object> handleApi(ApiException e, HttpServletRequest request) {
    if (e.code().status().is5xxServerError()) {
      log.warn("{} on {} {}: {}", e.code(), request.getMethod(), request.getRequestURI(), e, e);
    }
    ResponseEntity<Object> answer = problem(e.code(), e.getMessage(), e.fieldErrors(), request);
    if (e.headers().isEmpty()) {
      return answer;
    }
    HttpHeaders headers = new HttpHeaders();
    headers.putAll(answer.getHeaders());
    e.headers().forEach(headers::set);
    return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  protected ResponseEntity<Object> handleTypeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    FieldError error =
        new FieldError(e.getName(), "INVALID_FORMAT", "cannot be read as the expected type");
    return problem(
        CommonError.INVALID_PARAMETER,
        "Parameter '" + e.getName() + "' is invalid",
        List.of(error),
        request);
  }

  @ExceptionHandler(Exception.class)
  protected ResponseEntity<Object> handleUnexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
    return problem(CommonError.INTERNAL_ERROR, "An unexpected error occurred", List.of(), request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors = List.of();
    String detail = "The request body is not valid JSON for this operation";
    if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      String field = jsonPath(databind);
      errors = List.of(new FieldError(field, "INVALID_VALUE", "unknown field or wrong type"));
      detail = "Field '" + field + "' cannot be read";
    }
    return problem(CommonError.MALFORMED_REQUEST, detail, errors, servletRequest(request));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors =
        e.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                new FieldError(
                                    result.getMethodParameter().getParameterName(),
                                    "OUT_OF_RANGE",
                                    error.getDefaultMessage())))
            .toList();
    return problem(
        CommonError.INVALID_PARAMETER, "Invalid parameters", errors, servletRequest(request));
  }

  /** Spring MVC's own exceptions (405, 415, 404 of unknown paths, ...) keep status, gain a code. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ErrorKey code = keyFor(status);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, code.title());
    if (body instanceof ProblemDetail springProblem && springProblem.getDetail() != null) {
      problem.setDetail(springProblem.getDetail());
    }
    decorate(problem, code, List.of(), servletRequest(request));
    return ResponseEntity.status(status)
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  /** The key for an error Spring MVC raised with {@code status}. */
  protected ErrorKey keyFor(HttpStatusCode status) {
    return switch (status.value()) {
      case 404 -> CommonError.NOT_FOUND;
      case 405 -> CommonError.METHOD_NOT_ALLOWED;
      case 406 -> CommonError.NOT_ACCEPTABLE;
      case 415 -> CommonError.UNSUPPORTED_MEDIA_TYPE;
      default ->
          status.is4xxClientError() ? CommonError.MALFORMED_REQUEST : CommonError.INTERNAL_ERROR;
    };
  }

  private static ResponseEntity<Object> problem(
      ErrorKey code, String detail, List<FieldError> errors, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
    decorate(problem, code, errors, request);
    return ResponseEntity.status(code.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  private static void decorate(
      ProblemDetail problem,
      ErrorKey code,
      List<FieldError> errors,
      @Nullable HttpServletRequest request) {
    problem.setTitle(code.title());
    problem.setType(URI.create("https://upgradehub.io/problems/" + code.name().toLowerCase()));
    problem.setProperty("code", code.name());
    if (!errors.isEmpty()) {
      problem.setProperty(
          "errors",
          errors.stream()
              .map(e -> Map.of("field", e.field(), "code", e.code(), "message", e.message()))
              .toList());
    }
    if (request != null) {
      problem.setInstance(URI.create(request.getRequestURI()));
      String requestId = request.getHeader("X-Request-Id");
      if (requestId != null) {
        problem.setProperty("requestId", requestId);
      }
    }
  }

  private static String jsonPath(DatabindException e) {
    StringBuilder path = new StringBuilder();
    for (var reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static @Nullable HttpServletRequest servletRequest(WebRequest request) {
    return request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
  }
}
