package io.upgradehub.notification.webhook;

/** A message type a notification may want: its wire name and what it tells. */
record MessageTypeResponse(String type, String description) {

  static MessageTypeResponse of(MessageType t) {
    return new MessageTypeResponse(t.wireName(), t.description());
  }
}
