package io.upgradehub.problems;

/**
 * What is wrong with one field of a request.
 *
 * @param field the field's JSON name, or a dotted path for nested fields
 * @param code a stable key such as {@code REQUIRED} or {@code TOO_LONG}
 * @param message a sentence for people
 */
public record FieldError(String field, String code, String message) {}
