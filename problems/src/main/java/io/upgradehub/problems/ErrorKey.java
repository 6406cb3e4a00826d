package io.upgradehub.problems;

import org.springframework.http.HttpStatus;

/**
 * A stable error key of an API and the HTTP status it is answered with. Each service declares its
 * own keys as an enum implementing this; keys are part of the API: add new ones, never rename.
 */
public interface ErrorKey {

  /** The key as it appears in a problem's {@code code}, e.g. {@code PACKAGE_NOT_FOUND}. */
  String name();

  HttpStatus status();

  /** A short, fixed sentence for the problem's {@code title}. */
  String title();
}
