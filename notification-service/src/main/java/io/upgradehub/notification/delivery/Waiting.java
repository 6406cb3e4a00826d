package io.upgradehub.notification.delivery;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The notifications whose records wait in the store for this instance, each from when they are due:
 * records stored or let go while their lane was blocked (due now), retries this instance scheduled,
 * and what the sweep's look at the whole store found coming. The sweep claims records of these
 * notifications only, so the store, which keeps every delivered record for 30 days, is not searched
 * every second for the few that are due.
 */
@Component
class Waiting {

  private final Set<String> due = new HashSet<>();
  private final TreeMap<Instant, Set<String>> coming = new TreeMap<>();

  /** Records of {@code notificationId} are due now. */
  synchronized void now(String notificationId) {
    due.add(notificationId);
  }

  /** A record of {@code notificationId} is due at {@code at}. */
  synchronized void from(String notificationId, Instant at) {
    coming.computeIfAbsent(at, k -> new HashSet<>(2)).add(notificationId);
  }

  /**
   * Takes the notifications with records due by {@code now}: each is forgotten until it is noted
   * again.
   */
  synchronized Set<String> take(Instant now) {
    SortedMap<Instant, Set<String>> arrived = coming.headMap(now, true);
    arrived.values().forEach(due::addAll);
    arrived.clear();
    Set<String> taken = new HashSet<>(due);
    due.clear();
    return taken;
  }
}
