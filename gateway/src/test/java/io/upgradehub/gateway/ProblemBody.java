package io.upgradehub.gateway;

import java.util.List;

/** A problem body as a client reads it. */
public record ProblemBody(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    String requestId,
    List<Field> errors) {

  public record Field(String field, String message) {}
}
