package io.upgradehub.adapter.command;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The commands of one poll sent but not yet known delivered, by their index in the poll and their
 * device (the record key).
 */
final class CommandsInFlight {

  private record Sent(int index, CompletableFuture<Void> delivered) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Set<String> devices = new HashSet<>();

  boolean holds(String device) {
    return device != null && devices.contains(device);
  }

  void add(int index, String device, CompletableFuture<Void> delivered) {
    sent.add(new Sent(index, delivered));
    if (device != null) {
      devices.add(device);
    }
  }

  /**
   * Waits for every command in flight, in the poll's order.
   *
   * @throws BatchListenerFailedException at the first that was not delivered: the poll's records
   *     before it are done, it and those after it are delivered again
   */
  void awaitAll() {
    try {
      for (Sent command : sent) {
        try {
          command.delivered().get();
        } catch (ExecutionException e) {
          throw new BatchListenerFailedException(
              e.getCause().getMessage(), e.getCause(), command.index());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BatchListenerFailedException("interrupted", e, command.index());
        }
      }
    } finally {
      sent.clear();
      devices.clear();
    }
  }
}
