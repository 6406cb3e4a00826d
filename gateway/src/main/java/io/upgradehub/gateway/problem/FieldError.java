package io.upgradehub.gateway.problem;

/**
 * One rejected input field of a {@link ErrorCode#VALIDATION_FAILED} problem.
 *
 * @param field the JSON name of the field, never null
 * @param message why the value was rejected, in words for a person, never null
 */
public record FieldError(String field, String message) {}
