package io.upgradehub.gateway.problem;

import io.netty.channel.ConnectTimeoutException;
import io.upgradehub.gateway.requestid.RequestId;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error the gateway produces, from its filters, its handlers or the proxy, as an RFC
 * 9457 problem with a stable {@link ErrorCode}. Replaces Boot's default error handler, so no stack
 * trace or class name ever reaches a client; unexpected faults are logged with the request id.
 */
@Component
@Order(-2)
final class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

  private final JsonMapper jsonMapper;

  ProblemWebExceptionHandler(JsonMapper jsonMapper) {
    this.jsonMapper = jsonMapper;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      // the status line is gone already (a stream broke mid-way): nothing left to tell the client
      log.debug("Error after the response was committed [{}]", RequestId.of(exchange), error);
      return Mono.error(error);
    }
    Resolved resolved = resolve(error);
    if (resolved.status().is5xxServerError()) {
      if (resolved.code() == ErrorCode.INTERNAL_ERROR) {
        log.error(
            "Unexpected error on {} {} [{}]",
            exchange.getRequest().getMethod(),
            exchange.getRequest().getPath(),
            RequestId.of(exchange),
            error);
      } else {
        log.warn(
            "{} on {} {} [{}]: {}",
            resolved.code(),
            exchange.getRequest().getMethod(),
            exchange.getRequest().getPath(),
            RequestId.of(exchange),
            error.toString());
      }
    }
    Problem problem =
        new Problem(
            "about:blank",
            reasonPhrase(resolved.status()),
            resolved.status().value(),
            resolved.detail(),
            exchange.getRequest().getPath().value(),
            resolved.code().name(),
            RequestId.of(exchange),
            resolved.errors());
    byte[] body = jsonMapper.writeValueAsBytes(problem);
    response.setStatusCode(resolved.status());
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.setContentLength(body.length);
    if (resolved.status().value() == HttpStatus.UNAUTHORIZED.value()) {
      headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    if (error instanceof ResponseStatusException statusException) {
      // e.g. Allow on 405, Accept on 415
      headers.addAll(statusException.getHeaders());
    }
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  private static Resolved resolve(Throwable error) {
    if (error instanceof ProblemException problem) {
      return new Resolved(
          problem.code(), problem.code().status(), problem.getMessage(), problem.errors());
    }
    if (causedBy(error, DataBufferLimitException.class)) {
      return Resolved.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large");
    }
    if (error instanceof ResponseStatusException statusException) {
      return fromStatus(statusException.getStatusCode());
    }
    if (causedBy(error, ConnectException.class)
        || causedBy(error, ConnectTimeoutException.class)
        || causedBy(error, UnknownHostException.class)
        || causedBy(error, UnresolvedAddressException.class)) {
      return Resolved.of(
          ErrorCode.SERVICE_UNAVAILABLE, "The service behind this path cannot be reached");
    }
    if (causedBy(error, PrematureCloseException.class)) {
      return Resolved.of(
          ErrorCode.BAD_GATEWAY, "The service behind this path closed the connection early");
    }
    return Resolved.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
  }

  /** Framework exceptions carry only a status; their messages may name classes, so not reused. */
  private static Resolved fromStatus(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> Resolved.of(ErrorCode.MALFORMED_REQUEST, "The request could not be read");
      case 404 -> Resolved.of(ErrorCode.NOT_FOUND, "Nothing is found at this path");
      case 405 ->
          Resolved.of(ErrorCode.METHOD_NOT_ALLOWED, "This method is not supported at this path");
      case 406 ->
          Resolved.of(ErrorCode.NOT_ACCEPTABLE, "None of the accepted media types can be produced");
      case 413 -> Resolved.of(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is too large");
      case 415 ->
          Resolved.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "This content type is not supported here");
      case 502 ->
          Resolved.of(ErrorCode.BAD_GATEWAY, "The service behind this path answered with an error");
      case 503 ->
          Resolved.of(
              ErrorCode.SERVICE_UNAVAILABLE, "The service behind this path cannot be reached");
      case 504 ->
          Resolved.of(
              ErrorCode.GATEWAY_TIMEOUT, "The service behind this path did not answer in time");
      default ->
          status.is4xxClientError()
              ? new Resolved(
                  ErrorCode.REQUEST_REJECTED,
                  status,
                  "The request was rejected (" + status.value() + ")",
                  List.of())
              : Resolved.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
    };
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static String reasonPhrase(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null ? "Error " + status.value() : known.getReasonPhrase();
  }

  private record Resolved(
      ErrorCode code, HttpStatusCode status, String detail, List<FieldError> errors) {

    static Resolved of(ErrorCode code, String detail) {
      return new Resolved(code, code.status(), detail, List.of());
    }
  }
}
