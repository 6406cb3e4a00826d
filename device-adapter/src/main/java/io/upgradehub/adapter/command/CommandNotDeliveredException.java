package io.upgradehub.adapter.command;

/** A command neither reached the broker nor was reported failed; it is delivered again. */
class CommandNotDeliveredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CommandNotDeliveredException(String message, Throwable cause) {
    super(message, cause);
  }
}
