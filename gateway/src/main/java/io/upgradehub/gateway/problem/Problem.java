package io.upgradehub.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem body. {@code type} stays {@code about:blank} and {@code title} the status
 * phrase, as the RFC asks for that type; {@code code} is the stable key clients switch on.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    String requestId,
    List<FieldError> errors) {}
