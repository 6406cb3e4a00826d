package io.upgradehub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver that has hung: it accepts each connection and then neither reads nor answers,
 * so every attempt runs into the service's request timeout, as with a receiver whose threads are
 * all stuck. Nothing is parsed, so each accepted connection counts as one attempt (the service does
 * not reuse a connection whose call timed out). A connection is closed a minute after it was
 * accepted, long after the service gave up on it (its timeout is at most 15 s), so that the run
 * does not pile up open sockets.
 */
final class StuckReceiver implements AutoCloseable {

  private static final long HOLD_NANOS = 60_000_000_000L;

  private final ServerSocket server;
  private final Map<Socket, Long> held = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final Thread acceptor;

  private StuckReceiver(ServerSocket server) {
    this.server = server;
    this.acceptor = new Thread(this::acceptLoop, "receiver-stuck");
    acceptor.setDaemon(true);
  }

  /** Listens on a free port of {@code host}. */
  static StuckReceiver start(String host) {
    try {
      StuckReceiver receiver =
          new StuckReceiver(new ServerSocket(0, 1024, InetAddress.getByName(host)));
      receiver.acceptor.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where to send messages to it. */
  URI url(String path) {
    return URI.create(
        "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + path);
  }

  /** Connections accepted so far: the attempts that reached it. */
  long accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        accepted.incrementAndGet();
        long now = System.nanoTime();
        held.put(socket, now);
        closeOlderThan(now - HOLD_NANOS);
      } catch (IOException e) {
        // closed: the run is over
      }
    }
  }

  private void closeOlderThan(long nanos) {
    for (Iterator<Map.Entry<Socket, Long>> i = held.entrySet().iterator(); i.hasNext(); ) {
      Map.Entry<Socket, Long> entry = i.next();
      if (entry.getValue() < nanos) {
        close(entry.getKey());
        i.remove();
      }
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // gone already
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    held.keySet().forEach(StuckReceiver::close);
    held.clear();
  }
}
