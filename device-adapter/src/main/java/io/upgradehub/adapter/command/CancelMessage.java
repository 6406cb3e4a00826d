package io.upgradehub.adapter.command;

/**
 * The {@code cancel} message of the device protocol (§4.6); the timestamp is epoch milliseconds.
 *
 * @param id the message id: the command's event id
 */
record CancelMessage(String id, long timestamp, String jobId, String module) {}
